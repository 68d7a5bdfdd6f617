using System.Globalization;
using System.Text;
using DapCu.Twin.Data.Analysis;

namespace DapCu.Twin.Data.Export;

/// <summary>
/// Writes Battery Data Format CSV with the BDF machine-readable column names and their meanings (ontology 1.3):
/// charging/discharging capacity from test start, never reset (whatever the instrument's counters did), their
/// net and cumulative sums, step_cumulative_capacity_ah (∫|I|dt within the step, not the deprecated
/// step_capacity_ah), temperature_t1_celsius for the cell sensor, step_count that never resets beside the
/// instrument's step_id, step_type as the instrument names it, and frequency/impedance for PEIS/GEIS records (imaginary_impedance_ohm is Im Z, the
/// negative of EC-Lab's −Im(Z)). Numbers are printed in the shortest form that parses back to the same double.
/// Absent values (NaN) are written as empty fields.
/// </summary>
public sealed class BdfWriter : IDisposable
{
    private readonly TextWriter _out;
    private readonly DataColumns _columns;
    private readonly char[] _buffer = new char[64];
    private readonly RunningCapacity _capacity = new();
    private int _stepCount, _lastCycle = int.MinValue, _lastStep = int.MinValue;

    /// <summary>Column names (BDF notation names, release 1.3 ontology).</summary>
    public static class Names
    {
        public const string Time = "test_time_second", Voltage = "voltage_volt", Current = "current_ampere";
        public const string Cycle = "cycle_count", Step = "step_id", StepCount = "step_count", StepType = "step_type";
        public const string StepCapacity = "step_cumulative_capacity_ah";
        public const string DischargeCapacity = "discharging_capacity_ah", ChargeCapacity = "charging_capacity_ah";
        public const string NetCapacity = "net_capacity_ah", CumulativeCapacity = "cumulative_capacity_ah";
        public const string Temperature = "temperature_t1_celsius";
        public const string Frequency = "frequency_hertz", RealImpedance = "real_impedance_ohm", ImaginaryImpedance = "imaginary_impedance_ohm";
    }

    private readonly IReadOnlyList<string>? _stepLabels;

    /// <param name="stepLabels">The instrument's step-type names rows refer to (<see cref="CyclerDataReader.StepLabels"/>):
    /// written as step_type as the instrument named them; without them our words (charge, discharge, rest, other).</param>
    public BdfWriter(TextWriter output, DataColumns columns, IReadOnlyList<string>? stepLabels = null)
    {
        _out = output;
        _columns = columns;
        _stepLabels = stepLabels;
        var header = new List<string> { Names.Time, Names.Voltage, Names.Current };
        if (Has(DataColumns.Cycle)) header.Add(Names.Cycle);
        if (Has(DataColumns.Step)) header.AddRange([Names.Step, Names.StepCount]);
        if (Has(DataColumns.StepType)) header.Add(Names.StepType);
        header.AddRange([Names.StepCapacity, Names.ChargeCapacity, Names.DischargeCapacity, Names.NetCapacity, Names.CumulativeCapacity]);
        if (Has(DataColumns.Temperature)) header.Add(Names.Temperature);
        if (Has(DataColumns.Impedance)) header.AddRange([Names.Frequency, Names.RealImpedance, Names.ImaginaryImpedance]);
        _out.Write(string.Join(',', header));
        _out.Write('\n');
    }

    public static BdfWriter Create(string path, DataColumns columns, IReadOnlyList<string>? stepLabels = null) =>
        new(new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16), columns, stepLabels);

    private bool Has(DataColumns c) => (_columns & c) != 0;

    public void Write(in CyclerRow row)
    {
        _capacity.Add(row);
        if (row.Cycle != _lastCycle || row.Step != _lastStep)
        {
            _stepCount++;
            (_lastCycle, _lastStep) = (row.Cycle, row.Step);
        }
        Number(row.Time_s); _out.Write(',');
        Number(row.Voltage_V); _out.Write(',');
        Number(row.Current_A);
        if (Has(DataColumns.Cycle)) { _out.Write(','); Integer(row.Cycle); }
        if (Has(DataColumns.Step)) { _out.Write(','); Integer(row.Step); _out.Write(','); Integer(_stepCount); }
        if (Has(DataColumns.StepType))
        {
            _out.Write(',');
            if (_stepLabels is not null && row.StepLabel >= 0 && row.StepLabel < _stepLabels.Count) Text(_stepLabels[row.StepLabel]);
            else _out.Write(StepTypeName(row.StepType));
        }
        _out.Write(','); Number(_capacity.Step_Ah);
        _out.Write(','); Number(_capacity.Charge_Ah);
        _out.Write(','); Number(_capacity.Discharge_Ah);
        _out.Write(','); Number(_capacity.Charge_Ah - _capacity.Discharge_Ah);
        _out.Write(','); Number(_capacity.Charge_Ah + _capacity.Discharge_Ah);
        if (Has(DataColumns.Temperature)) { _out.Write(','); Number(row.Temperature_C); }
        if (Has(DataColumns.Impedance))
        {
            _out.Write(','); Number(row.Frequency_Hz);
            _out.Write(','); Number(row.ReZ_Ohm);
            _out.Write(','); Number(-row.MinusImZ_Ohm);
        }
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
        if (value == 0) value = 0; // no "-0"
        value.TryFormat(_buffer, out int n, "R", CultureInfo.InvariantCulture);
        _out.Write(_buffer, 0, n);
    }

    /// <summary>A label as a CSV field, quoted when it holds a comma, quote or line end.</summary>
    private void Text(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) { _out.Write(value); return; }
        _out.Write('"');
        _out.Write(value.Replace("\"", "\"\""));
        _out.Write('"');
    }

    private void Integer(int value)
    {
        value.TryFormat(_buffer, out int n, default, CultureInfo.InvariantCulture);
        _out.Write(_buffer, 0, n);
    }

    public void Dispose() => _out.Dispose();
}
