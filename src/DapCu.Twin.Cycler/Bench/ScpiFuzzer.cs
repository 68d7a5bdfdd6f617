using System.Text;

namespace DapCu.Twin.Cycler.Bench;

/// <summary>Seeded generator of SCPI lines for fuzzing: valid commands (mixed case, short/long forms), the same
/// mutated (bytes flipped, deleted, duplicated, separators shuffled), and plain random bytes. Never emits '\n'.</summary>
public sealed class ScpiFuzzer(int seed)
{
    private readonly Random _rng = new(seed);

    private static readonly string[] Valid =
    [
        "*IDN?", "*RST", "*CLS", "*OPC?", "*STB?", "*SRE 1", "*ESE 60", "*ESR?", "*WAI",
        ":SOUR:FUNC CURR", ":SOUR:FUNC VOLT", ":SOUR:CURR:LEV 1e-3", ":SOUR:CURR -2mA", ":SOUR:VOLT 0.1",
        ":SOUR:CURR:RANG:AUTO 1", ":SENS:VOLT:PROT 4.2", ":SENS:CURR:PROT 0.01", ":SENS:FUNC 'VOLT'",
        ":SENS:VOLT:NPLC 0.01", ":SENS:CURR:RANG:AUTO ON", ":FORM:ELEM VOLT,CURR,TIME", ":FORM:DATA ASCII",
        "OUTPUT ON", "OUTPUT OFF", ":OUTP?", ":READ?", ":FETC?", ":MEAS:VOLT?", ":INIT", ":TRIG:COUN 2",
        ":TRIG:DEL 0", ":ARM:COUN 1", ":TRAC:CLE", ":TRAC:POIN 10", ":TRAC:FEED SENS", ":TRAC:FEED:CONT NEXT",
        ":TRAC:DATA?", ":CALC3:FORM MEAN;:CALC3:DATA?", ":STAT:PRES", ":STAT:MEAS:ENAB 512", ":STAT:MEAS?",
        ":SYST:ERR?", ":system:error?", ":SYST:BEEP 1000, 0.1", ":SYST:LOC", ":SYST:REM", ":DISP:ENAB 1",
        ":ROUT:TERM FRON", ":SYST:RSEN OFF", ":ABOR", "status:queue:clear;*RST;:stat:pres;:*CLS;",
        ":SOURce:CURRent:LEVel 0.0005", ":FORMAT:ELEMENTS VOLTAGE, CURRENT", ":MEASURE:CURRENT?",
    ];

    private const string Alphabet = ":;*?,'\" \t.+-eE#HQB0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\r\u0000\u0001\u007f\u00e9";

    public string Next()
    {
        int kind = _rng.Next(10);
        if (kind < 4) return RandomCase(Valid[_rng.Next(Valid.Length)]);
        if (kind < 8) return Mutate(Valid[_rng.Next(Valid.Length)]);
        var sb = new StringBuilder();
        int n = _rng.Next(0, 80);
        for (int i = 0; i < n; i++) sb.Append(Alphabet[_rng.Next(Alphabet.Length)]);
        return sb.ToString();
    }

    private string RandomCase(string s) =>
        string.Concat(s.Select(c => _rng.Next(2) == 0 ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));

    private string Mutate(string s)
    {
        var sb = new StringBuilder(s);
        int edits = _rng.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            int at = sb.Length == 0 ? 0 : _rng.Next(sb.Length);
            switch (_rng.Next(4))
            {
                case 0 when sb.Length > 0: sb.Remove(at, 1); break;
                case 1: sb.Insert(at, Alphabet[_rng.Next(Alphabet.Length)]); break;
                case 2 when sb.Length > 0: sb[at] = Alphabet[_rng.Next(Alphabet.Length)]; break;
                default: sb.Append(';').Append(Valid[_rng.Next(Valid.Length)]); break;
            }
        }
        return sb.ToString().Replace("\n", "");
    }
}
