namespace DapCu.Twin.Data.Analysis;

/// <summary>
/// Logging gaps and pauses: records missing from a file (dropped, or the channel paused). A cycler writes a record
/// at the end of one step and at the start of the next, so across a step change an interval over 60 s and over
/// ten times the last interval is a gap; within a step, once two intervals have set its logging rate, the same
/// test applies against the step's previous interval (the first interval of a step may set a new, slower rate).
/// </summary>
internal sealed class GapDetector
{
    public const double MinGap_s = 60, Ratio = 10;
    private double _lastDt = double.NaN;
    private int _intervalsInStep;

    public bool IsGap(double dt, bool sameStep)
    {
        bool gap;
        if (!sameStep) { gap = dt > MinGap_s && !(dt <= Ratio * _lastDt); _intervalsInStep = 0; }
        else gap = _intervalsInStep >= 2 && dt > MinGap_s && !(dt <= Ratio * _lastDt);
        if (sameStep) _intervalsInStep++;
        if (!gap && dt > 0 && (sameStep || double.IsNaN(_lastDt))) _lastDt = dt;
        return gap;
    }
}
