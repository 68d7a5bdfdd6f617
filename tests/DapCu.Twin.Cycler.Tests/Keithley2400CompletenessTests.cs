namespace DapCu.Twin.Cycler.Tests;

/// <summary>What clients of a 2400 use beyond the basics, against the manual (2400 Series User's Manual, SCPI
/// command reference: CALCulate3, SOURce sweep/list, numeric queries, error codes).</summary>
public class Keithley2400CompletenessTests
{
    private static TestRig Galvanostatic()
    {
        var r = new TestRig(initialLi_mAh: 1);
        r.Send(":SOUR:FUNC CURR;:SOUR:CURR 1e-3;:SENS:VOLT:PROT 4.2;:OUTP ON");
        return r;
    }

    [Fact]
    public void Buffer_statistics_give_voltage_and_current_whatever_the_elements_as_PyMeasure_means_expects()
    {
        var r = Galvanostatic();
        // PyMeasure's measure_voltage leaves FORM:ELEM VOLT; its means property then indexes [0] and [1].
        r.Send(":SENS:FUNC 'VOLT';:SENS:VOLT:NPLC 1;:FORM:ELEM VOLT");
        r.Send(":TRAC:CLE;:TRAC:POIN 10;:TRIG:COUN 10;:TRAC:FEED SENS;:TRAC:FEED:CONT NEXT;:INIT");
        var volts = r.Values(":TRAC:DATA?");
        Assert.Equal(10, volts.Length);
        var means = r.Values(":CALC3:FORM MEAN;:CALC3:DATA?;");
        Assert.Equal(2, means.Length);                           // voltage, current (resistance not measured)
        Assert.Equal(volts.Average(), means[0], 6);
        Assert.Equal(1e-3, means[1], 9);                          // the source readback
        Assert.Equal(volts.Max(), r.Values(":CALC3:FORM MAX;:CALC3:DATA?")[0], 6);
        Assert.Equal(volts.Min(), r.Values(":CALC3:FORM MIN;:CALC3:DATA?")[0], 6);
        Assert.Equal(volts.Max() - volts.Min(), r.Values(":CALC3:FORM PKPK;:CALC3:DATA?")[0], 6);
        double mean = volts.Average(), sd = Math.Sqrt(volts.Sum(v => (v - mean) * (v - mean)) / 9);
        Assert.Equal(sd, r.Values(":CALC3:FORM SDEV;:CALC3:DATA?")[0], 6);
        Assert.Equal("SDEV", r.Ask(":CALC3:FORM?"));
        r.Send(":SENS:FUNC 'RES';:TRAC:CLE;:TRAC:FEED:CONT NEXT;:INIT");
        Assert.Equal(3, r.Values(":CALC3:FORM MEAN;:CALC3:DATA?").Length);   // resistance measured: three
        Assert.Empty(r.Errors());
    }

    [Fact]
    public void Linear_sweep_sources_each_point_and_returns_to_the_bias_level()
    {
        var r = Galvanostatic();
        // PyMeasure RvsI: fixed range, SWE mode, LIN, START/STOP/STEP, trigger count = points, READ?.
        r.Send(":SOUR:CURR:RANG 0.0012;:SOUR:SWE:RANG FIX;:SOUR:CURR:MODE SWE;:SOUR:SWE:SPAC LIN");
        r.Send(":SOUR:CURR:STAR -0.001;:SOUR:CURR:STOP 0.001;:SOUR:CURR:STEP 0.0005;:TRIG:COUN 5;:SOUR:SWE:DIR UP;:FORM:ELEM CURR");
        Assert.Equal("5", r.Ask(":SOUR:SWE:POIN?"));
        Assert.Equal([-0.001, -0.0005, 0, 0.0005, 0.001], r.Values(":READ?"));
        Assert.Equal(1e-3, r.Values(":SOUR:CURR?")[0], 12);      // bias level again
        r.Send(":SOUR:SWE:DIR DOWN");
        Assert.Equal([0.001, 0.0005, 0, -0.0005, -0.001], r.Values(":READ?"));
        r.Send(":SOUR:SWE:SPAC LOG;:SOUR:CURR:STAR 1e-6;:SOUR:CURR:STOP 1e-3;:SOUR:SWE:POIN 4;:TRIG:COUN 4;:SOUR:SWE:DIR UP");
        var log = r.Values(":READ?");
        for (int k = 0; k < 4; k++) Assert.Equal(Math.Pow(10, -6 + k), log[k], 12);
        Assert.Equal("SWE", r.Ask(":SOUR:CURR:MODE?"));
        Assert.Empty(r.Errors());
    }

    [Fact]
    public void List_mode_sources_the_list_in_order()
    {
        var r = Galvanostatic();
        r.Send(":SOUR:LIST:CURR 1e-4,-2e-4,3e-4;:SOUR:CURR:MODE LIST;:TRIG:COUN 3;:FORM:ELEM CURR");
        Assert.Equal("3", r.Ask(":SOUR:LIST:CURR:POIN?"));
        Assert.Equal([1e-4, -2e-4, 3e-4], r.Values(":READ?"));
        r.Send(":SOUR:LIST:CURR:APP 4e-4;:TRIG:COUN 4");
        Assert.Equal([1e-4, -2e-4, 3e-4, 4e-4], r.Values(":READ?"));
        r.Send(":SOUR:CURR:MODE FIX;:TRIG:COUN 1");
        Assert.Equal([1e-3], r.Values(":READ?"));
        Assert.Empty(r.Errors());
    }

    [Fact]
    public void Numeric_queries_answer_MIN_MAX_DEF()
    {
        var r = new TestRig();
        Assert.Equal("+1.050000E+00", r.Ask(":SOUR:CURR? MAX"));
        Assert.Equal("-1.050000E+00", r.Ask(":SOUR:CURR? MIN"));
        Assert.Equal("+0.000000E+00", r.Ask(":SOUR:CURR? DEF"));
        Assert.Equal("+2.100000E+02", r.Ask(":SOUR:VOLT? MAX"));
        Assert.Equal("+1.000000E+01", r.Ask(":SENS:VOLT:NPLC? MAX"));
        Assert.Equal("+1.050000E-04", r.Ask(":SENS:CURR:PROT? DEF"));
        Assert.Empty(r.Errors());
        r.Send(":SOUR:CURR? 5");
        Assert.Equal([-224], r.Errors());
    }

    [Theory]
    [InlineData(":SOUR:CURR 5mV", -131)]       // a voltage suffix on a current
    [InlineData(":SOUR:VOLT 1A", -131)]
    [InlineData(":SENS:VOLT:PROT 2OHM", -131)]
    [InlineData(":SYST :ERR?", -113)]           // space inside the header
    [InlineData(":SOUR:CURR1e-3", -113)]        // no space between header and data
    public void Bad_units_and_broken_headers_get_the_2400s_codes(string line, int code)
    {
        var r = new TestRig();
        Assert.Null(r.Send(line));
        Assert.Equal([code], r.Errors());
        Assert.Equal("+0.000000E+00", r.Ask(":SOUR:CURR?"));   // nothing was set
        r.Send(":SOUR:CURR 5mA;:SOUR:VOLT 2 V;:TRIG:DEL 10 ms");
        Assert.Empty(r.Errors());
        Assert.Equal("+5.000000E-03", r.Ask(":SOUR:CURR?"));
    }

    [Fact]
    public void Read_with_the_output_off_is_refused_with_803_unless_allowed()
    {
        var r = new TestRig();
        Assert.Null(r.Send(":READ?"));
        Assert.Equal("+803,\"Output disabled\"", r.Ask(":SYST:ERR?"));
        var allowed = new TestRig(readWithOutputOff: true);
        Assert.NotNull(allowed.Send(":READ?"));
        Assert.Empty(allowed.Errors());
    }
}
