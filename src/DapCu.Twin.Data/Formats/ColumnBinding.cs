namespace DapCu.Twin.Data.Formats;

/// <summary>Which file column feeds which quantity of the table, and with what unit factor.</summary>
internal sealed class ColumnBinding
{
    private static readonly int QuantityCount = Enum.GetValues<Quantity>().Length;

    public int[] Ordinal { get; } = Enumerable.Repeat(-1, QuantityCount).ToArray();
    public double[] Scale { get; } = Enumerable.Repeat(1.0, QuantityCount).ToArray();
    public string[] Header { get; }
    public List<string> Ignored { get; } = [];
    /// <summary>The current column holds magnitudes; the step type gives the sign.</summary>
    public bool CurrentIsMagnitude { get; private set; }

    /// <summary>A record shorter than this lacks a required field (a truncated line).</summary>
    public int MinFields { get; }

    public int this[Quantity q] => Ordinal[(int)q];
    public bool Has(Quantity q) => Ordinal[(int)q] >= 0;
    public string NameOf(Quantity q) => Header[Ordinal[(int)q]];

    private ColumnBinding(string[] header, int minFields)
    {
        Header = header;
        MinFields = minFields;
    }

    public static ColumnBinding Bind(FormatSpec spec, string[] header, string path, long? headerLine)
    {
        var priority = new int[QuantityCount];
        var ordinal = Enumerable.Repeat(-1, QuantityCount).ToArray();
        var scale = new double[QuantityCount];
        var ignored = new List<string>();
        var magnitude = new bool[QuantityCount];
        for (int i = 0; i < header.Length; i++)
        {
            var name = header[i];
            if (string.IsNullOrWhiteSpace(name)) continue; // BioLogic ends its header with a tab
            if (spec.Classify(name) is not { } role) { ignored.Add(name); continue; }
            int q = (int)role.Quantity;
            if (double.IsNaN(role.Scale))
                throw new DataFormatException(path, headerLine,
                    $"unit not understood for {role.Quantity}; expected {Units.TableUnit(role.Quantity)} or a recognised multiple of it", name);
            if (ordinal[q] < 0 || role.Priority > priority[q])
            {
                ordinal[q] = i; scale[q] = role.Scale; priority[q] = role.Priority; magnitude[q] = role.Magnitude;
                continue;
            }
            if (role.Priority < priority[q]) continue;
            var first = header[ordinal[q]];
            throw new DataFormatException(path, headerLine, scale[q] != role.Scale
                ? $"mixed units: columns '{first}' and '{name}' both give {role.Quantity}; expected one column in one unit"
                : $"duplicate column: '{first}' and '{name}' both give {role.Quantity}; expected one", name);
        }
        foreach (var required in new[] { Quantity.Time, Quantity.Current, Quantity.Voltage })
        {
            if (ordinal[(int)required] < 0)
                throw new DataFormatException(path, headerLine,
                    $"no {required.ToString().ToLowerInvariant()} column for {spec.Format.DisplayName()}; expected {spec.Example(required)}; found columns: "
                    + string.Join(", ", header.Where(h => h.Length > 0).Select(h => $"'{h}'")));
        }
        int minFields = new[] { Quantity.Time, Quantity.Current, Quantity.Voltage }.Max(q => ordinal[(int)q]) + 1;
        var binding = new ColumnBinding(header, minFields);
        Array.Copy(ordinal, binding.Ordinal, QuantityCount);
        Array.Copy(scale, binding.Scale, QuantityCount);
        binding.Ignored.AddRange(ignored);
        binding.CurrentIsMagnitude = magnitude[(int)Quantity.Current];
        return binding;
    }
}
