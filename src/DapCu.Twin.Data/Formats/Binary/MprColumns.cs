namespace DapCu.Twin.Data.Formats.Binary;

internal enum MprType : byte { F8, F4, U2, U4, U1 }

/// <summary>
/// EC-Lab .mpr data-module column ids and their stored types (dgbowl/yadg src/yadg/extractors/eclab/mpr_columns.py
/// @ 61d55fe1, agreeing with echemdata/galvani BioLogic.py where both list an id). Ids 256 and above mean the id
/// modulo 256 (yadg PR #237); flag ids share one byte.
/// </summary>
internal static class MprColumns
{
    public static readonly HashSet<int> FlagIds = [1, 2, 3, 21, 31, 65];

    public const int Time = 4, Ewe = 6, I = 8, Ece = 9, MeanIf8 = 11, CycleNumber = 24, Frequency = 32, AbsZ = 36, PhaseZ = 35,
        ReZ = 37, MinusImZ = 38, MeanIf4 = 76, MeanEwe = 77, Ns = 131, MeanEwe174 = 174, Temperature = 206;

    /// <summary>Charge counters: dq per record (mA·h, f8), (Q-Qo) from the start (mA·h f8; in coulombs f4).</summary>
    public const int Dq = 7, QQo = 13, QQoCoulomb = 178;

    public static readonly Dictionary<int, MprType> Types = new()
    {
        [4] = MprType.F8, [5] = MprType.F4, [6] = MprType.F4, [7] = MprType.F8, [8] = MprType.F4, [9] = MprType.F4,
        [11] = MprType.F8, [13] = MprType.F8, [15] = MprType.F4, [16] = MprType.F4, [17] = MprType.F4,
        [19] = MprType.F4, [20] = MprType.F4, [23] = MprType.F8, [24] = MprType.F8, [32] = MprType.F4,
        [33] = MprType.F4, [34] = MprType.F4, [35] = MprType.F4, [36] = MprType.F4, [37] = MprType.F4,
        [38] = MprType.F4, [39] = MprType.U2, [45] = MprType.F4, [46] = MprType.F4, [69] = MprType.F4,
        [70] = MprType.F4, [74] = MprType.F8, [75] = MprType.F4, [76] = MprType.F4, [77] = MprType.F4,
        [78] = MprType.F4, [96] = MprType.F4, [98] = MprType.F4, [99] = MprType.F4, [100] = MprType.F4,
        [101] = MprType.F4, [105] = MprType.F4, [106] = MprType.F4, [110] = MprType.F8, [112] = MprType.F8,
        [115] = MprType.F8, [116] = MprType.F8, [123] = MprType.F8, [124] = MprType.F8, [125] = MprType.F8,
        [126] = MprType.F8, [131] = MprType.U2, [135] = MprType.F4, [136] = MprType.F4, [163] = MprType.F4,
        [166] = MprType.F4, [167] = MprType.F4, [168] = MprType.F4, [169] = MprType.F4, [172] = MprType.F4,
        [173] = MprType.F4, [174] = MprType.F4, [175] = MprType.F4, [176] = MprType.F4, [177] = MprType.F4,
        [178] = MprType.F4, [179] = MprType.F4, [182] = MprType.F8, [185] = MprType.F4, [206] = MprType.F4,
        [211] = MprType.F8, [212] = MprType.U4, [213] = MprType.U4, [215] = MprType.F4, [217] = MprType.F4,
        [218] = MprType.F4, [219] = MprType.F4, [220] = MprType.F4, [221] = MprType.F4, [222] = MprType.F4,
        [223] = MprType.F4, [224] = MprType.F4, [225] = MprType.F4, [230] = MprType.F4, [231] = MprType.F4,
        [232] = MprType.F4, [233] = MprType.F4, [234] = MprType.F4, [235] = MprType.F4, [236] = MprType.F4,
        [237] = MprType.F4, [238] = MprType.F4, [239] = MprType.F4, [240] = MprType.F4, [241] = MprType.F4,
        [242] = MprType.F4, [243] = MprType.F4, [244] = MprType.F4, [245] = MprType.F4, [246] = MprType.F4,
        [247] = MprType.F4, [248] = MprType.F4, [249] = MprType.F4, [253] = MprType.U1,
    };

    public static int Size(MprType t) => t switch { MprType.F8 => 8, MprType.F4 or MprType.U4 => 4, MprType.U2 => 2, _ => 1 };
}
