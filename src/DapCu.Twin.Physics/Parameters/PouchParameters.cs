namespace DapCu.Twin.Physics.Parameters;

/// <summary>Geometry of a flexible pouch cell bent or folded (paper Fig. 5g): the strain it puts on the
/// anode's Li layer (see <see cref="Cell.Bending"/>).</summary>
public sealed record PouchParameters
{
    [Param("mm", "bend radius of the 'bent' state (paper Fig. 5g photo: bent by hand around ~1 cm; assumed)")]
    public double BentRadius_mm { get; init; } = 10.0;

    [Param("deg", "arc angle of the 'bent' state (assumed a quarter turn)")]
    public double BentAngle_deg { get; init; } = 90.0;

    [Param("mm", "inner radius of the crease of the 'folded' state (a pouch folded flat without creasing the foil; assumed)")]
    public double FoldedRadius_mm { get; init; } = 1.0;

    [Param("deg", "arc angle of the 'folded' state (folded in half)")]
    public double FoldedAngle_deg { get; init; } = 180.0;

    [Param("um", "distance of the anode's Li layer from the bent stack's neutral plane: half a single-layer pouch stack (Cu 10 + Li/host 100 + separator 25 + LFP ~60 + Al 15 um, packaging ~100 um each side; assumed)")]
    public double NeutralPlaneOffset_um { get; init; } = 150.0;
}
