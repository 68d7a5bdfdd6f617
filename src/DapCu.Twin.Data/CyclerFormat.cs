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
    /// <summary>Arbin MITS .res (MS Access database, read through mdbtools).</summary>
    ArbinRes,
    /// <summary>Arbin MITS Excel export (.xlsx): channel sheets with the CSV export's columns.</summary>
    ArbinXlsx,
    /// <summary>Neware BTS Excel export (.xlsx): the record sheet with the CSV export's columns.</summary>
    NewareXlsx,
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
        CyclerFormat.ArbinRes => "Arbin database (.res)",
        CyclerFormat.ArbinXlsx => "Arbin Excel export (.xlsx)",
        CyclerFormat.NewareXlsx => "Neware Excel export (.xlsx)",
        _ => format.ToString(),
    };
}
