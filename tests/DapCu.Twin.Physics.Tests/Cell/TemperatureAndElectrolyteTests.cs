using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Electrodes;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Tests.Cell;

/// <summary>Temperature as an input (Arrhenius) and the electrolyte sets.</summary>
public class TemperatureAndElectrolyteTests
{
    private static ElectrolyteParameters At(double t_K) => Electrolytes.Ether with { Temperature_K = t_K };

    [Fact]
    public void Conductivity_and_diffusivity_follow_Arrhenius()
    {
        // exp(-12 kJ/mol / R x (1/313.15 - 1/298.15)) = exp(0.2317) = 1.261.
        var factor = Math.Exp(-12000.0 / 8.314462618 * (1.0 / 313.15 - 1.0 / 298.15));
        var warm = new Transport(At(313.15), 25);
        var room = new Transport(At(298.15), 25);
        Assert.Equal(1.261, factor, 3);
        Assert.Equal(factor, warm.Conductivity_mS_cm / room.Conductivity_mS_cm, 12);
        Assert.Equal(1.0 / factor, warm.SeparatorResistance_ohm_cm2 / room.SeparatorResistance_ohm_cm2, 12);
        Assert.Equal(factor, warm.LimitingCurrent_mA_cm2 / room.LimitingCurrent_mA_cm2, 12);
    }

    [Fact]
    public void A_warmer_cell_polarises_less()
    {
        var cold = new CellModel(TestCells.SymmetricDap, TestCells.P.With("electrolyte.temperature_K", 273.15));
        var warm = new CellModel(TestCells.SymmetricDap, TestCells.P.With("electrolyte.temperature_K", 318.15));
        var c = cold.CreateInitialState(1);
        var w = warm.CreateInitialState(1);
        cold.Advance(ref c, 1.0, 600);
        warm.Advance(ref w, 1.0, 600);
        var coldSplit = cold.Overpotential(c, 1.0);
        var warmSplit = warm.Overpotential(w, 1.0);
        Assert.True(warmSplit.ChargeTransfer_mV < coldSplit.ChargeTransfer_mV);
        Assert.True(warmSplit.Film_mV < coldSplit.Film_mV);
        Assert.True(warmSplit.Ohmic_mV < coldSplit.Ohmic_mV);
        Assert.True(warm.Voltage_V(w, 1.0) < cold.Voltage_V(c, 1.0));
    }

    [Fact]
    public void The_shuttle_is_faster_when_warm_so_a_Li_S_charge_is_longer()
    {
        // k_s x 2.8 at 40 C (0.56 eV, Mikhaylik & Akridge 2004): the upper plateau takes longer to charge.
        static double ChargeTime_h(double t_K)
        {
            var model = new CellModel(TestCells.SulfurDap, TestCells.P.With("electrolyte.temperature_K", t_K));
            var s = model.CreateInitialState(1);
            model.Advance(ref s, -1.672, 3600 * 0.4);
            var start = s.Time_s;
            while (model.Voltage_V(s, 0.334) < 2.8 && s.Time_s - start < 20 * 3600) model.Advance(ref s, 0.334, 60);
            return (s.Time_s - start) / 3600.0;
        }
        var warm = ChargeTime_h(313.15);
        var room = ChargeTime_h(298.15);
        Assert.True(warm > room * 1.02, $"charge {room:F3} h at 25 C, {warm:F3} h at 40 C");
    }

    [Fact]
    public void The_carbonate_set_has_the_Valoen_Reimers_transport()
    {
        // 2 x 96.485 x 3.2e-6 x 0.41^1.5 / (0.62 x 25e-4) = 104.6 mA/cm2 through 25 um Celgard.
        var t = new Transport(Electrolytes.Carbonate, 25);
        Assert.Equal(2 * 96.48533212 * 3.2e-6 * Math.Pow(0.41, 1.5) / (0.62 * 25e-4) * 1000, t.LimitingCurrent_mA_cm2, 9);
        Assert.Same(Electrolytes.Carbonate, Electrolytes.ByName("LiPF6"));
        Assert.Null(Electrolytes.ByName("water"));
    }
}
