namespace DapCu.Twin.Data.Replay;

/// <summary>Which cycle each record belongs to, so measured and twin cycles line up.</summary>
public static class CycleAlignment
{
    private const double ZeroCurrent_A = 1e-12;

    /// <summary>
    /// The file's own cycle numbers when it has them and they change; otherwise cycles counted from the current:
    /// a new cycle starts when the current returns to the direction of the file's first current after having
    /// gone the other way (plate-strip, charge-discharge). Rests belong to the cycle they fall in.
    /// </summary>
    public static int[] Assign(CyclerTable table)
    {
        var fileCycles = table.Cycle;
        if ((table.Columns & DataColumns.Cycle) != 0 && HasSeveral(fileCycles)) return fileCycles.ToArray();
        return FromCurrentSign(table.Current_A);
    }

    public static int[] FromCurrentSign(ReadOnlySpan<double> current_A)
    {
        var cycles = new int[current_A.Length];
        int cycle = 1, first = 0;
        var reversed = false;
        for (var i = 0; i < current_A.Length; i++)
        {
            var sign = Math.Abs(current_A[i]) > ZeroCurrent_A ? Math.Sign(current_A[i]) : 0;
            if (sign != 0)
            {
                if (first == 0) first = sign;
                else if (sign != first) reversed = true;
                else if (reversed) { cycle++; reversed = false; }
            }
            cycles[i] = cycle;
        }
        return cycles;
    }

    private static bool HasSeveral(ReadOnlySpan<int> cycles)
    {
        foreach (var c in cycles) if (c != cycles[0]) return true;
        return cycles.Length > 0 && cycles[0] != 0;
    }
}
