using DapCu.Twin.Data.Analysis;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Running;

namespace DapCu.Twin.Data.Replay;

public sealed record ReplayOptions
{
    /// <summary>Electrode area the file's current is divided by; null uses the design's area.</summary>
    public double? Area_cm2 { get; init; }
}

/// <summary>
/// Puts a virtual cell through what a measured cell went through and samples its voltage at the measured
/// timestamps. The measured current drives it record by record (<see cref="CyclerTable.CurrentSegments"/>'
/// convention: a record's current flowed since the previous record), which the cell model integrates exactly.
/// A file without usable current is replayed through the scenario's protocol instead.
/// Logging gaps (<see cref="GapDetector"/>: dropped records or a paused channel) are not integrated: the file does not
/// say what flowed there, and a paused channel carries none, so across a gap the twin rests at 0 A for the gap's
/// length and the record after it is sampled at that record's current. Integrating the record's current over an
/// hour-long gap would move charge the measured cell never saw.
/// </summary>
public static class Replayer
{
    private const double ZeroCurrent_A = 1e-12;

    public static ReplayTrace Run(CyclerTable table, TwinCell cell, ReplayOptions? options = null)
    {
        var path = table.SourcePath ?? "<table>";
        if (table.Count == 0) throw new DataFormatException(path, null, "no records; expected at least one record to replay");
        var area = options?.Area_cm2 ?? cell.Design.Area_cm2;
        if (!(area > 0) || !double.IsFinite(area)) throw new ArgumentException($"--area-cm2: expected a positive electrode area, got {area}");
        if (HasCurrent(table.Current_A)) return ByCurrent(table, cell, area, path);
        if (cell.Protocol is null)
            throw new DataFormatException(path, null,
                $"no usable current (every record is 0 A); expected a current column with non-zero values, or a --cell scenario with a protocol to replay instead ({cell.Source} has none)",
                "current");
        return ByProtocol(table, cell, area, path);
    }

    private static ReplayTrace ByCurrent(CyclerTable table, TwinCell cell, double area, string path)
    {
        var n = table.Count;
        var twin = new VirtualCell(cell.Design with { Area_cm2 = area }, cell.Parameters, cell.Seed);
        var time = table.Time_s;
        var current = table.Current_A;
        var voltage = new double[n];
        var ocv = new double[n];
        voltage[0] = twin.TerminalVoltage_V(current[0]);
        ocv[0] = twin.OpenCircuitVoltage_V;
        var gapBefore = GapsOf(table);
        for (var i = 1; i < n; i++)
        {
            var dt = time[i] - time[i - 1];
            if (gapBefore[i])
            {
                twin.Advance(0, dt); // rest through the gap
                voltage[i] = twin.TerminalVoltage_V(current[i]);
            }
            else voltage[i] = dt > 0 ? twin.Advance(current[i], dt).Voltage_V : twin.TerminalVoltage_V(current[i]);
            ocv[i] = twin.OpenCircuitVoltage_V;
        }
        return new ReplayTrace
        {
            Mode = ReplayMode.Current, DataPath = path, Cell = cell, Area_cm2 = area,
            Time_s = time.ToArray(), Cycle = CycleAlignment.Assign(table),
            MeasuredCurrent_A = current.ToArray(), MeasuredVoltage_V = table.Voltage_V.ToArray(),
            TwinCurrent_A = current.ToArray(), TwinVoltage_V = voltage, TwinOcv_V = ocv, TwinShorted = twin.IsShorted,
            GapBefore = gapBefore,
        };
    }

    /// <summary>Runs the protocol from the file's first timestamp and interpolates the twin's series at the
    /// measured times (the twin's sampling follows the file's median record spacing).</summary>
    private static ReplayTrace ByProtocol(CyclerTable table, TwinCell cell, double area, string path)
    {
        var n = table.Count;
        var time = table.Time_s;
        var model = new CellModel(cell.Design with { Area_cm2 = area }, cell.Parameters);
        var resolution = Math.Clamp(MedianInterval_s(time), 1.0, 600.0);
        var run = ProtocolRunner.Run(model, model.CreateInitialState(cell.Seed), cell.Protocol!, new RunOptions { OutputResolution_s = resolution });
        var series = run.TimeSeries;
        var twinV = new double[n];
        var twinI = new double[n];
        var ocv = new double[n];
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            var t = time[i] - time[0];
            while (k + 1 < series.Count && series[k + 1].Time_s <= t) k++;
            var a = series[k];
            var b = k + 1 < series.Count ? series[k + 1] : a;
            var w = b.Time_s > a.Time_s ? Math.Clamp((t - a.Time_s) / (b.Time_s - a.Time_s), 0, 1) : 0;
            twinV[i] = a.Voltage_V + w * (b.Voltage_V - a.Voltage_V);
            twinI[i] = b.Current_mA / 1000.0; // the sample after t carries the current that flowed up to it
            ocv[i] = OcvOf(w < 1 ? a : b);
        }
        var measuredI = table.Current_A.ToArray();
        return new ReplayTrace
        {
            Mode = ReplayMode.Protocol, DataPath = path, Cell = cell, Area_cm2 = area,
            Time_s = time.ToArray(), Cycle = (table.Columns & DataColumns.Cycle) != 0 ? CycleAlignment.Assign(table) : CycleAlignment.FromCurrentSign(twinI),
            MeasuredCurrent_A = measuredI, MeasuredVoltage_V = table.Voltage_V.ToArray(),
            TwinCurrent_A = twinI, TwinVoltage_V = twinV, TwinOcv_V = ocv,
            TwinShorted = run.Events.Any(e => e.Kind == CellEventKind.Short), GapBefore = GapsOf(table),
        };
    }

    /// <summary>Whether a logging gap (<see cref="GapDetector"/>) precedes each record.</summary>
    private static bool[] GapsOf(CyclerTable table)
    {
        var gaps = new GapDetector();
        var before = new bool[table.Count];
        var time = table.Time_s;
        for (var i = 1; i < before.Length; i++)
            before[i] = gaps.IsGap(time[i] - time[i - 1], table.Cycle[i] == table.Cycle[i - 1] && table.Step[i] == table.Step[i - 1]);
        return before;
    }

    /// <summary>Terminal voltage sits above open circuit on charge and below it on discharge.</summary>
    private static double OcvOf(in TimeSeriesPoint p) => p.Voltage_V - Math.Sign(p.Current_mA) * p.Overpotential_mV / 1000.0;

    private static bool HasCurrent(ReadOnlySpan<double> current_A)
    {
        foreach (var i in current_A) if (Math.Abs(i) > ZeroCurrent_A) return true;
        return false;
    }

    private static double MedianInterval_s(ReadOnlySpan<double> time)
    {
        if (time.Length < 2) return 60.0;
        var d = new double[time.Length - 1];
        for (var i = 1; i < time.Length; i++) d[i - 1] = time[i] - time[i - 1];
        Array.Sort(d);
        return d[d.Length / 2];
    }
}
