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
    /// <summary>BioLogic EC-Lab binary (.mpr).</summary>
    BioLogicMpr,
    /// <summary>Neware BTS binary (.nda).</summary>
    NewareNda,
    /// <summary>Neware BTS zip of XML and binary records (.ndax).</summary>
    NewareNdax,
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
        CyclerFormat.BioLogicMpr => "BioLogic EC-Lab binary (.mpr)",
        CyclerFormat.NewareNda => "Neware binary (.nda)",
        CyclerFormat.NewareNdax => "Neware binary (.ndax)",
        _ => format.ToString(),
    };
}
