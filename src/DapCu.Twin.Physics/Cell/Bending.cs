using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Cell;

/// <summary>
/// A bent or folded pouch cell: the curved part of the stack strains the anode's Li layer by
/// <c>eps = y / r</c> (beam bending, y = the layer's distance from the neutral plane). A layer that
/// can only follow a strain <c>eps_c</c> fragments and loses contact on <c>1 - eps_c / eps</c> of the curved
/// length (the gaps between intact segments take the rest of the stretch). Li on the lost area is
/// isolated, and the current crowds onto the rest.
/// </summary>
public static class Bending
{
    /// <summary>Share of the electrode's area that loses contact (0 when flat or within the crack strain).</summary>
    public static double LostAreaShare(BendingState state, PouchParameters p, double area_cm2, double crackStrain)
    {
        var (radius_mm, angle_deg) = state switch
        {
            BendingState.Bent => (p.BentRadius_mm, p.BentAngle_deg),
            BendingState.Folded => (p.FoldedRadius_mm, p.FoldedAngle_deg),
            _ => (double.PositiveInfinity, 0.0),
        };
        if (!double.IsFinite(radius_mm) || angle_deg <= 0) return 0.0;
        var strain = p.NeutralPlaneOffset_um / 1000.0 / radius_mm;
        if (strain <= crackStrain) return 0.0;
        // A square cell of side L bent about one axis: the arc covers r * theta of L.
        var length_mm = Math.Sqrt(area_cm2) * 10.0;
        var curvedShare = Math.Min(1.0, radius_mm * angle_deg * Math.PI / 180.0 / length_mm);
        return curvedShare * (1.0 - crackStrain / strain);
    }
}
