using System.Globalization;
using System.Text;

namespace DapCu.Twin.Data.Export;

/// <summary>
/// Writes Battery Data Format CSV with the BDF machine-readable column names. Numbers are printed in the
/// shortest form that parses back to the same double, so writing then reading gives identical values.
/// Absent values (NaN) are written as empty fields.
/// </summary>
public sealed class BdfWriter : IDisposable
{
    private readonly TextWriter _out;
    private readonly DataColumns _columns;
    private readonly char[] _buffer = new char[64];

    /// <summary>Column names in the order written (BDF notation names, release 1.3 ontology).</summary>
    public static class Names
    {
        public const string Time = "test_time_second", Voltage = "voltage_volt", Current = "current_ampere";
        public const string Cycle = "cycle_count", Step = "step_id", StepType = "step_type", StepCapacity = "step_capacity_ah";
        public const string DischargeCapacity = "discharging_capacity_ah", ChargeCapacity = "charging_capacity_ah";
        public const string Temperature = "ambient_temperature_celsius";
    }

    public BdfWriter(TextWriter output, DataColumns columns)
    {
        _out = output;
        _columns = columns;
        var header = new List<string> { Names.Time, Names.Voltage, Names.Current };
        if (Has(DataColumns.Cycle)) header.Add(Names.Cycle);
        if (Has(DataColumns.Step)) header.Add(Names.Step);
        if (Has(DataColumns.StepType)) header.Add(Names.StepType);
        if (Has(DataColumns.StepCapacity)) header.Add(Names.StepCapacity);
        if (Has(DataColumns.DischargeCapacity)) header.Add(Names.DischargeCapacity);
        if (Has(DataColumns.ChargeCapacity)) header.Add(Names.ChargeCapacity);
        if (Has(DataColumns.Temperature)) header.Add(Names.Temperature);
        _out.Write(string.Join(',', header));
        _out.Write('\n');
    }

    public static BdfWriter Create(string path, DataColumns columns) =>
        new(new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16), columns);

    private bool Has(DataColumns c) => (_columns & c) != 0;

    public void Write(in CyclerRow row)
    {
        Number(row.Time_s); _out.Write(',');
        Number(row.Voltage_V); _out.Write(',');
        Number(row.Current_A);
        if (Has(DataColumns.Cycle)) { _out.Write(','); Integer(row.Cycle); }
        if (Has(DataColumns.Step)) { _out.Write(','); Integer(row.Step); }
        if (Has(DataColumns.StepType)) { _out.Write(','); _out.Write(StepTypeName(row.StepType)); }
        if (Has(DataColumns.StepCapacity)) { _out.Write(','); Number(row.StepCapacity_Ah); }
        if (Has(DataColumns.DischargeCapacity)) { _out.Write(','); Number(row.DischargeCapacity_Ah); }
        if (Has(DataColumns.ChargeCapacity)) { _out.Write(','); Number(row.ChargeCapacity_Ah); }
        if (Has(DataColumns.Temperature)) { _out.Write(','); Number(row.Temperature_C); }
        _out.Write('\n');
    }

    public static string StepTypeName(StepKind kind) => kind switch
    {
        StepKind.Charge => "charge",
        StepKind.Discharge => "discharge",
        StepKind.Rest => "rest",
        StepKind.Other => "other",
        _ => "",
    };

    private void Number(double value)
    {
        if (double.IsNaN(value)) return;
        value.TryFormat(_buffer, out int n, "R", CultureInfo.InvariantCulture);
        _out.Write(_buffer, 0, n);
    }

    private void Integer(int value)
    {
        value.TryFormat(_buffer, out int n, default, CultureInfo.InvariantCulture);
        _out.Write(_buffer, 0, n);
    }

    public void Dispose() => _out.Dispose();
}
