namespace DapCu.Twin.Data;

/// <summary>File formats the importer recognises from their content.</summary>
public enum CyclerFormat
{
    /// <summary>Battery Data Format CSV (Battery Data Alliance column names and units); also our export.</summary>
    Bdf,
    /// <summary>BioLogic EC-Lab ASCII export (.mpt).</summary>
    BioLogicMpt,
    /// <summary>Arbin MITS CSV export.</summary>
    Arbin,
    /// <summary>Maccor tab-separated text export.</summary>
    Maccor,
    /// <summary>Neware BTS CSV export.</summary>
    Neware,
    /// <summary>Landt CSV export (metadata block, then header).</summary>
    Landt,
}

public static class CyclerFormatNames
{
    public static string DisplayName(this CyclerFormat format) => format switch
    {
        CyclerFormat.Bdf => "Battery Data Format CSV",
        CyclerFormat.BioLogicMpt => "BioLogic EC-Lab text (.mpt)",
        CyclerFormat.Arbin => "Arbin CSV",
        CyclerFormat.Maccor => "Maccor text export",
        CyclerFormat.Neware => "Neware CSV",
        CyclerFormat.Landt => "Landt CSV",
        _ => format.ToString(),
    };
}
