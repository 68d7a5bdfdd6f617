namespace DapCu.Twin.Data;

/// <summary>
/// What a file's header says about the cell (EC-Lab "Electrode surface area", "Mass of active material";
/// Maccor "Comment/Barcode"; Neware TestInfo "Barcode", active material). Null when the file does not say.
/// </summary>
public sealed record FileMetadata(string? CellName = null, double? Area_cm2 = null, double? ActiveMass_mg = null, double? Capacity_Ah = null)
{
    public static FileMetadata None { get; } = new();
    public bool IsEmpty => CellName is null && Area_cm2 is null && ActiveMass_mg is null && Capacity_Ah is null;
}
