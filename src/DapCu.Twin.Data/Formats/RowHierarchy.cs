namespace DapCu.Twin.Data.Formats;

/// <summary>
/// Neware BTS "regular" export (cellpy testdata/data/nw_regular_export_ife_example.csv): three header lines,
/// "Cycle Index,Chg. Cap.(Ah),...", ",Step Index,Step Number,Step Type,...", ",,DataPoint,Time,Total Time,Current(A),...",
/// then cycle rows (field 0 set), step rows (field 0 empty, field 1 set) and records (fields 0 and 1 empty).
/// The first cycle row also carries its first step, shifted right to start after the cycle fields.
/// </summary>
internal sealed record RowHierarchy(int CycleColumn, int CycleFieldCount, int StepIndexColumn, int StepTypeColumn)
{
    public enum Level { Record, Step, Cycle }

    public static Level LevelOf(ReadOnlySpan<char> field0, ReadOnlySpan<char> field1) =>
        !field0.IsWhiteSpace() ? Level.Cycle : !field1.IsWhiteSpace() ? Level.Step : Level.Record;
}
