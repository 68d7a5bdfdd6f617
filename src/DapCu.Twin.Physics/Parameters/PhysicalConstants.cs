namespace DapCu.Twin.Physics.Parameters;

/// <summary>Physical constants and lithium's material data (CODATA; CRC Handbook).</summary>
public static class PhysicalConstants
{
    public const double Faraday_C_mol = 96485.33212;
    public const double Gas_J_molK = 8.314462618;
    /// <summary>Li density 0.534 g/cm3 (paper, introduction; CRC).</summary>
    public const double LiDensity_g_cm3 = 0.534;
    /// <summary>Li theoretical gravimetric capacity 3860 mAh/g (paper, introduction).</summary>
    public const double LiSpecificCapacity_mAh_g = 3860.0;
    /// <summary>Volumetric capacity of Li metal, 2061 mAh/cm3.</summary>
    public const double LiVolumetricCapacity_mAh_cm3 = LiDensity_g_cm3 * LiSpecificCapacity_mAh_g;
    public const double SecondsPerHour = 3600.0;
}
