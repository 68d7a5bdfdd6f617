namespace DapCu.Twin.Cycler.Scpi;

/// <summary>One entry of an instrument's error queue, as <c>:SYST:ERR?</c> reports it: <c>-113,"Undefined header"</c>.
/// Codes and texts are the SCPI-1999 / IEEE 488.2 ones the Keithley 2400 uses (user's manual, appendix B).</summary>
public readonly record struct ScpiError(int Code, string Message)
{
    public override string ToString() => $"{(Code > 0 ? "+" : "")}{Code},\"{Message}\"";

    public static readonly ScpiError NoError = new(0, "No error");
    public static readonly ScpiError CommandError = new(-100, "Command error");
    public static readonly ScpiError InvalidCharacter = new(-101, "Invalid character");
    public static readonly ScpiError SyntaxError = new(-102, "Syntax error");
    public static readonly ScpiError InvalidSeparator = new(-103, "Invalid separator");
    public static readonly ScpiError DataTypeError = new(-104, "Data type error");
    public static readonly ScpiError ParameterNotAllowed = new(-108, "Parameter not allowed");
    public static readonly ScpiError MissingParameter = new(-109, "Missing parameter");
    public static readonly ScpiError HeaderSeparatorError = new(-111, "Header separator error");
    public static readonly ScpiError MnemonicTooLong = new(-112, "Program mnemonic too long");
    public static readonly ScpiError UndefinedHeader = new(-113, "Undefined header");
    public static readonly ScpiError HeaderSuffixOutOfRange = new(-114, "Header suffix out of range");
    public static readonly ScpiError NumericDataError = new(-120, "Numeric data error");
    public static readonly ScpiError InvalidCharacterInNumber = new(-121, "Invalid character in number");
    public static readonly ScpiError InvalidSuffix = new(-131, "Invalid suffix");
    public static readonly ScpiError CharacterDataError = new(-140, "Character data error");
    public static readonly ScpiError IllegalParameterValue = new(-224, "Illegal parameter value");
    public static readonly ScpiError InvalidStringData = new(-151, "Invalid string data");
    public static readonly ScpiError ExecutionError = new(-200, "Execution error");
    public static readonly ScpiError SettingsConflict = new(-221, "Settings conflict");
    public static readonly ScpiError DataOutOfRange = new(-222, "Parameter data out of range");
    public static readonly ScpiError TooMuchData = new(-223, "Too much data");
    public static readonly ScpiError DataCorruptOrStale = new(-230, "Data corrupt or stale");
    public static readonly ScpiError HardwareMissing = new(-241, "Hardware missing");
    public static readonly ScpiError QueueOverflow = new(-350, "Queue overflow");
    public static readonly ScpiError InputBufferOverrun = new(-363, "Input buffer overrun");
    /// <summary>Keithley device-dependent error: a reading was asked for with the output off.</summary>
    public static readonly ScpiError OutputDisabled = new(803, "Output disabled");
    public static readonly ScpiError QueryInterrupted = new(-410, "Query INTERRUPTED");
    public static readonly ScpiError QueryUnterminated = new(-420, "Query UNTERMINATED");
}

/// <summary>Thrown by the parser and the command handlers; the instrument turns it into an error-queue entry.</summary>
public sealed class ScpiException(ScpiError error, string? detail = null)
    : Exception(detail is null ? error.ToString() : $"{error}: {detail}")
{
    public ScpiError Error { get; } = error;
    public string? Detail { get; } = detail;
}
