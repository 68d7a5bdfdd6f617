namespace DapCu.Twin.Data.Formats.Binary;

/// <summary>Neware step types ("Status") as NewareNDA dicts.py and fastnda name them.</summary>
internal static class NewareStatus
{
    public static string Name(int status) => status switch
    {
        1 => "CC_Chg", 2 => "CC_DChg", 3 => "CV_Chg", 4 => "Rest", 5 => "Cycle", 7 => "CCCV_Chg", 8 => "CP_DChg", 9 => "CP_Chg",
        10 => "CR_DChg", 13 => "Pause", 16 => "Pulse", 17 => "SIM", 18 => "PCCCV_Chg", 19 => "CV_DChg", 20 => "CCCV_DChg",
        21 => "Control", 22 => "OCV", 25 => "Ramp", 26 => "CPCV_DChg", 27 => "CPCV_Chg",
        _ => $"status {status}",
    };

    public static StepKind Kind(int status) => status switch
    {
        1 or 3 or 7 or 9 or 18 or 27 => StepKind.Charge,
        2 or 8 or 10 or 19 or 20 or 26 => StepKind.Discharge,
        4 or 13 or 22 => StepKind.Rest,
        0 => StepKind.Unknown,
        _ => StepKind.Other,
    };
}
