using System.Globalization;
using System.Text.RegularExpressions;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>Every command of the issue's list, on the pure instrument model (no sockets, hand-moved clock).</summary>
public class Keithley2400Tests
{
    private static readonly Regex Number2400 = new(@"^[+-]\d\.\d{6}E[+-]\d{2}$");

    [Fact]
    public void Identity_and_common_commands()
    {
        var r = new TestRig();
        Assert.Equal("KEITHLEY INSTRUMENTS INC.,MODEL 2400,9100000,C30   Mar 17 2006 09:29:29/A02  /K/J", r.Ask("*IDN?"));
        Assert.Equal("1", r.Ask("*OPC?"));
        Assert.Equal("0", r.Ask("*TST?"));
        Assert.Null(r.Send("*WAI"));
        Assert.Equal("128", r.Ask("*ESR?"));  // power-on bit, then cleared by reading
        Assert.Equal("0", r.Ask("*ESR?"));
        r.Send("*SRE 48;*ESE 60");
        Assert.Equal("48", r.Ask("*SRE?"));
        Assert.Equal("60", r.Ask("*ESE?"));
        r.Send("BOGUS");                      // command error: ESR bit 5, EAV in the STB
        Assert.Equal(4 | 32 | 64, int.Parse(r.Ask("*STB?"), CultureInfo.InvariantCulture));  // EAV, ESB, MSS
        r.Send("*CLS");
        Assert.Equal("0", r.Ask("*STB?"));
        Assert.Empty(r.Errors());
    }

    [Fact]
    public void Reset_restores_defaults_and_PyMeasure_reset_line_is_clean()
    {
        var r = new TestRig();
        r.Send(":SOUR:FUNC CURR;:SOUR:CURR 0.01;:OUTP ON;:FORM:ELEM VOLT;:TRIG:COUN 5");
        r.Send("status:queue:clear;*RST;:stat:pres;:*CLS;");
        Assert.Equal("VOLT", r.Ask(":SOUR:FUNC?"));
        Assert.Equal("+0.000000E+00", r.Ask(":SOUR:CURR?"));
        Assert.Equal("0", r.Ask("OUTPut?"));
        Assert.Equal("VOLT,CURR,RES,TIME,STAT", r.Ask(":FORM:ELEM?"));
        Assert.Equal("1", r.Ask(":TRIG:COUN?"));
        Assert.Equal("+2.100000E+01", r.Ask(":SENS:VOLT:PROT?"));
        Assert.Equal("+1.050000E-04", r.Ask(":SENS:CURR:PROT?"));
        Assert.Empty(r.Errors());
    }

    [Fact]
    public void PyMeasure_apply_current_and_source_level_round_trip()
    {
        var r = new TestRig();
        r.Send(":SOUR:FUNC CURR");
        Assert.Equal("CURR", r.Ask(":SOUR:FUNC?"));
        r.Send(":SOUR:CURR:RANG:AUTO 1");
        r.Send(":SENS:VOLT:PROT 4.2");
        Assert.Equal("0,\"No error\"", r.Ask(":system:error?"));
        r.Send(":SOUR:CURR:LEV 0.001");
        Assert.Equal("+1.000000E-03", r.Ask(":SOUR:CURR?"));
        r.Send(":SOURce:CURRent:LEVel -2.5mA");
        Assert.Equal("-2.500000E-03", r.Ask(":sour:curr:lev?"));
        r.Send(":SOUR:CURR:RANG 0.004");
        Assert.Equal("+1.000000E-02", r.Ask(":SOUR:CURR:RANG?"));  // next range up holds 4 mA
        Assert.Equal("0", r.Ask(":SOUR:CURR:RANG:AUTO?"));
        r.Send(":SOUR:VOLT:LEV 1.5;:SOUR:VOLT:RANG:AUTO ON");
        Assert.Equal("+1.500000E+00", r.Ask(":SOUR:VOLT?"));
        Assert.Equal("1", r.Ask(":SOUR:VOLT:RANG:AUTO?"));
        r.Send(":SOUR:VOLT:RANG 15");
        Assert.Equal("+2.000000E+01", r.Ask(":SOUR:VOLT:RANG?"));
        Assert.Empty(r.Errors());
    }

    [Fact]
    public void Read_returns_default_elements_in_2400_format()
    {
        var r = new TestRig(initialLi_mAh: 1.0);
        r.Send(":SOUR:FUNC CURR;:SOUR:CURR 1e-3;:SENS:VOLT:PROT 4.2;:OUTPUT ON");
        var parts = r.Ask(":READ?").Split(',');
        Assert.Equal(5, parts.Length);
        foreach (var p in parts) Assert.True(Number2400.IsMatch(p), $"'{p}' is not in the 2400's number format");
        var v = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(r.Cell.TerminalVoltage_V(1e-3), v[0], 5);
        Assert.Equal(1e-3, v[1], 12);
        Assert.Equal(9.91e37, v[2]);                       // resistance not measured
        Assert.Equal(2 * 1.0 / 60, v[3], 7);               // V and I, 1 PLC each
        int status = (int)v[4];
        Assert.Equal((1 << 2) | (1 << 11) | (1 << 12) | (1 << 15), status);  // front, V & I measured, I source
        r.Send(":SENS:FUNC 'VOLT';:SENS:VOLT:NPLC 1.000000;:FORM:ELEM VOLT;");
        Assert.Matches(Number2400, r.Ask(":READ?"));
        Assert.Empty(r.Errors());
    }

    [Fact]
    public void Long_forms_of_later_PyMeasure_work()
    {
        var r = new TestRig();
        r.Send(":FORMAT:ELEMENTS VOLTAGE, CURRENT, RESISTANCE, TIME, STATUS");
        Assert.Equal("VOLT,CURR,RES,TIME,STAT", r.Ask(":FORMAT:ELEMENTS?"));
        var v = r.Values(":MEASURE:VOLTAGE?");
        Assert.Equal(5, v.Length);
        Assert.Equal("1", r.Ask(":OUTPUT:STATE?"));  // MEAS turns the output on
        Assert.Equal(5, r.Values(":MEASURE:CURRENT?").Length);
        Assert.Equal("\"CURR:DC\"", r.Ask(":SENSE:FUNCTION?"));
        Assert.Empty(r.Errors());
    }

    [Fact]
    public void Output_off_is_open_circuit_and_sign_convention_holds()
    {
        var r = new TestRig(initialLi_mAh: 0, readWithOutputOff: true);
        r.Send(":SOUR:FUNC CURR;:SOUR:CURR -1e-3;:SENS:VOLT:PROT 4.2;:FORM:ELEM VOLT,CURR");
        var off = r.Values(":READ?");
        Assert.Equal(0, off[1]);
        Assert.Equal(3.0, off[0], 6);                    // bare Cu vs Li, nothing flowing
        r.Send("OUTPUT ON");
        r.Clock.Advance(360);                            // 0.1 mAh plated at -1 mA
        var plating = r.Values(":READ?");
        Assert.Equal(-1e-3, plating[1], 12);
        Assert.True(plating[0] < 0, $"plating Li on the working electrode (HI) reads negative, got {plating[0]}");
        Assert.Equal(0.1 * 0.98, r.Cell.ActiveLi_mAh, 3);  // 98 % plating efficiency of the test double
        r.Send(":SOUR:CURR 1e-3");
        r.Clock.Advance(10);
        Assert.True(r.Values(":READ?")[0] > 0, "stripping reads positive");
        Assert.Empty(r.Errors());
    }

    [Fact]
    public void Current_source_compliance_clamps_and_sets_the_status_bit()
    {
        var r = new TestRig(initialLi_mAh: 1.0);
        // 1 mA needs about 22 mV across R and the interface: a 10 mV compliance holds 10 mV with less current.
        r.Send(":SOUR:FUNC CURR;:SOUR:CURR 1e-3;:SENS:VOLT:PROT 0.01;:FORM:ELEM VOLT,CURR,STAT;:OUTP ON");
        var v = r.Values(":READ?");
        Assert.Equal(0.01, v[0], 6);
        Assert.InRange(v[1], 1e-5, 0.99e-3);
        Assert.Equal(0.01, r.Cell.TerminalVoltage_V(v[1]), 5);
        Assert.NotEqual(0, (int)v[2] & (1 << 3));
        Assert.Equal("1", r.Ask(":SENS:VOLT:PROT:TRIP?"));
        Assert.NotEqual(0, int.Parse(r.Ask(":STAT:MEAS:COND?"), CultureInfo.InvariantCulture) & (1 << 14));
        r.Send(":SENS:VOLT:PROT 4.2");
        v = r.Values(":READ?");
        Assert.Equal(1e-3, v[1], 12);
        Assert.Equal(0, (int)v[2] & (1 << 3));
    }

    [Fact]
    public void Voltage_source_finds_the_current_and_clamps_at_compliance()
    {
        var r = new TestRig(initialLi_mAh: 1.0);
        r.Send(":SOUR:FUNC VOLT;:SOUR:VOLT 0.05;:SENS:CURR:PROT 0.01;:FORM:ELEM VOLT,CURR,STAT;:OUTP ON");
        var v = r.Values(":READ?");
        Assert.Equal(0.05, v[0], 9);
        Assert.Equal(0.05, r.Cell.TerminalVoltage_V(v[1]), 5);   // root of the cell's V(I) (7 digits on the wire)
        Assert.Equal(0, (int)v[2] & (1 << 3));
        r.Send(":SENS:CURR:PROT 1e-3");                           // 0.05 V needs more than 1 mA
        v = r.Values(":READ?");
        Assert.Equal(1e-3, v[1], 12);
        Assert.NotEqual(0, (int)v[2] & (1 << 3));
        Assert.Equal(r.Cell.TerminalVoltage_V(1e-3), v[0], 6);
        Assert.Equal("1", r.Ask(":SENS:CURR:PROT:TRIP?"));
    }

    [Fact]
    public void Time_is_lazy_and_scaled_and_NPLC_makes_the_instrument_busy()
    {
        var r = new TestRig(timeScale: 60, initialLi_mAh: 0);
        r.Send(":SOUR:FUNC CURR;:SOUR:CURR -1e-3;:SENS:VOLT:PROT 4;:FORM:ELEM TIME;:OUTP ON");
        r.Clock.Advance(60);                                   // one wall minute = one virtual hour
        var t = r.Values(":READ?")[0];
        Assert.Equal(3600 + 2.0 / 60, t, 2);
        Assert.Equal(0.98, r.Cell.ActiveLi_mAh, 3);
        r.Send(":SENS:VOLT:NPLC 10;:SENS:CURR:NPLC 10");
        Assert.Equal("+1.000000E+01", r.Ask(":SENS:CURR:NPLC?"));
        var response = r.K.Execute(":READ?");
        Assert.Equal(2 * 10.0 / 60 / 60, response.Busy_s, 9);  // two 10-PLC integrations, time-scaled
        r.Send(":SENS:VOLT:NPLC 11");
        Assert.Equal([-222], r.Errors());
    }

    [Fact]
    public void Sense_functions_ranges_and_NPLC()
    {
        var r = new TestRig();
        r.Send(":SENS:FUNC 'RES';:SENS:RES:MODE MAN;:SENS:RES:NPLC 0.1;:FORM:ELEM RES;");
        Assert.Contains("\"RES\"", r.Ask(":SENS:FUNC?"));
        r.Send(":SENS:RES:RANG:AUTO 1;");
        Assert.Equal("1", r.Ask(":SENS:RES:RANG:AUTO?"));
        r.Send(":SENS:CURR:RANG:AUTO 0;:SENS:CURR:RANG 0.01");
        Assert.Equal("+1.000000E-02", r.Ask(":SENS:CURR:RANG?"));
        Assert.Equal("0", r.Ask(":SENS:CURR:RANG:AUTO?"));
        r.Send(":SENS:VOLT:RANG 2");
        Assert.Equal("+2.000000E+00", r.Ask(":SENS:VOLT:RANG?"));
        r.Send(":SENS:FUNC:OFF:ALL;:SENS:FUNC \"VOLT:DC\",\"CURR:DC\"");
        Assert.Equal("\"VOLT:DC\",\"CURR:DC\"", r.Ask(":SENS:FUNC?"));
        r.Send(":SENS:FUNC:CONC OFF;:SENS:FUNC 'CURR'");
        Assert.Equal("\"CURR:DC\"", r.Ask(":SENS:FUNC?"));
        r.Send(":SENS:FUNC 'WATTS'");
        r.Send(":SENS:CURRVOLT:NPLC?");   // PyMeasure 0.9's voltage_nplc getter
        Assert.Equal([-224, -113], r.Errors());
    }

    [Fact]
    public void Resistance_is_V_over_I_when_enabled()
    {
        var r = new TestRig(initialLi_mAh: 1);
        r.Send(":SOUR:FUNC CURR;:SOUR:CURR 2e-3;:SENS:VOLT:PROT 4;:SENS:FUNC 'RES';:FORM:ELEM VOLT,CURR,RES;:OUTP ON");
        var v = r.Values(":READ?");
        Assert.Equal(v[0] / v[1], v[2], 6);
    }

    [Fact]
    public void Trigger_counts_delays_fetch_and_abort()
    {
        var r = new TestRig();
        r.Send(":FORM:ELEM VOLT,TIME;:TRIG:COUN 3;:TRIG:SEQ:DEL 0.5;:OUTP ON");
        Assert.Equal("3", r.Ask(":TRIG:COUN?"));
        Assert.Equal("+5.000000E-01", r.Ask(":TRIG:DEL?"));
        var v = r.Values(":READ?");
        Assert.Equal(6, v.Length);
        Assert.Equal(0.5 + 2.0 / 60, v[3] - v[1], 5);  // 7 significant digits on the wire     // readings one delay + integration apart
        Assert.Equal(v, r.Values(":FETC?"));              // FETC? returns the same readings, no new trigger
        r.Send(":ARM:COUN 2;:ARM:SOUR IMM;:TRIG:SOUR IMM;:TRIG:COUN 2;:TRIG:DEL 0");
        Assert.Equal("IMM", r.Ask(":ARM:SOUR?"));
        Assert.Equal(8, r.Values(":READ?").Length);       // 2 arms × 2 triggers × 2 elements
        r.Send(":ABOR;:INIT");
        r.Send(":TRIG:COUN 2501");
        r.Send(":ARM:COUN 0");
        Assert.Equal([-222, -222], r.Errors());
    }

    [Fact]
    public void Fetch_before_any_reading_is_an_error()
    {
        var r = new TestRig();
        Assert.Null(r.Send(":FETC?"));
        Assert.Equal([-230], r.Errors());
    }

    [Fact]
    public void PyMeasure_buffer_sequence_sets_STB_65_and_stats_match_the_data()
    {
        var r = new TestRig(initialLi_mAh: 1);
        r.Send(":SOUR:FUNC CURR;:SOUR:CURR 1e-3;:SENS:VOLT:PROT 4;:OUTP ON;:FORM:ELEM VOLT,CURR");
        r.Send(":STAT:PRES;*CLS;*SRE 1;:STAT:MEAS:ENAB 512;");
        r.Send(":TRAC:CLEAR;");
        r.Send(":TRAC:POIN 3");
        r.Send(":TRIG:COUN 3");
        r.Send(":TRIG:SEQ:DEL 0");
        r.Send(":TRAC:FEED SENSE;:TRAC:FEED:CONT NEXT;");
        Assert.Equal("0,\"No error\"", r.Ask(":system:error?"));
        Assert.Equal("0", r.Ask("*STB?"));
        r.Send(":INIT");
        Assert.Equal("65", r.Ask("*STB?"));               // MSB (buffer full enabled) + MSS
        Assert.Equal("3", r.Ask(":TRAC:POIN:ACT?"));
        Assert.Equal("NEV", r.Ask(":TRAC:FEED:CONT?"));  // NEXT falls back to NEVer when full
        r.Send(":FORM:DATA ASCII");
        var data = r.Values(":TRAC:DATA?");
        Assert.Equal(6, data.Length);
        var means = r.Values(":CALC3:FORM MEAN;:CALC3:DATA?;");
        Assert.Equal((data[0] + data[2] + data[4]) / 3, means[0], 6);
        Assert.Equal(1e-3, means[1], 9);
        Assert.Equal(Math.Max(data[0], Math.Max(data[2], data[4])), r.Values(":CALC3:FORM MAX;:CALC3:DATA?;")[0], 6);
        Assert.Equal(Math.Min(data[0], Math.Min(data[2], data[4])), r.Values(":CALC3:FORM MIN;:CALC3:DATA?;")[0], 6);
        Assert.Equal(0, r.Values(":CALC3:FORM SDEV;:CALC3:DATA?;")[1], 9);
        Assert.NotEqual(0, int.Parse(r.Ask(":STAT:MEAS?"), CultureInfo.InvariantCulture) & 512);
        Assert.Equal("0", r.Ask(":STAT:MEAS?"));          // reading the event register clears it
        Assert.Equal("0", r.Ask("*STB?"));
        r.Send(":TRAC:FEED:CONT NEV;:TRAC:CLE");
        Assert.Equal("0", r.Ask(":TRAC:POIN:ACT?"));
        r.Send(":TRAC:POIN 3000");
        Assert.Equal([-222], r.Errors());
    }

    [Fact]
    public void Status_registers_enable_and_preset()
    {
        var r = new TestRig();
        r.Send(":STAT:MEAS:ENAB 512;:STAT:QUES:ENAB 1;:STAT:OPER:ENAB 2");
        Assert.Equal("512", r.Ask(":STAT:MEAS:ENAB?"));
        Assert.Equal("1", r.Ask(":STAT:QUES:ENAB?"));
        Assert.Equal("2", r.Ask(":STAT:OPER:ENAB?"));
        r.Send(":STAT:PRES");
        Assert.Equal("0", r.Ask(":STAT:MEAS:ENAB?"));
        Assert.Equal("0", r.Ask(":STAT:QUES?"));
        Assert.Equal("0", r.Ask(":STAT:OPER?"));
        r.Send("BAD1;");
        Assert.Equal("-113,\"Undefined header\"", r.Ask("status:queue?;"));
    }

    [Fact]
    public void Error_queue_reports_real_codes_drains_and_overflows()
    {
        var r = new TestRig();
        r.Send(":SOUR:FOO 1");                 // -113
        r.Send(":SOUR:CURR 'abc'");            // -104 data type
        r.Send(":SOUR:CURR 2");                // -222 out of range
        r.Send(":SOUR:CURR");                  // -109 missing parameter
        r.Send(":OUTP 1,2");                   // -108 parameter not allowed
        r.Send(":SOUR::CURR 1");               // -102 syntax
        Assert.Equal("-113,\"Undefined header\"", r.Ask(":SYST:ERR?"));
        Assert.Equal("-104,\"Data type error\"", r.Ask(":SYST:ERR:NEXT?"));
        Assert.Equal("4", r.Ask(":SYST:ERR:COUN?"));
        Assert.Equal([-222, -109, -108, -102], r.Errors());
        for (int i = 0; i < 12; i++) r.Send("NOPE");
        var all = r.Ask(":SYST:ERR:ALL?");
        Assert.Equal(10, Regex.Count(all, "-113|-350"));
        Assert.EndsWith("-350,\"Queue overflow\"", all);
        Assert.Equal("0,\"No error\"", r.Ask(":SYST:ERR?"));
    }

    [Fact]
    public void Query_errors_do_not_stop_earlier_replies_in_the_same_line()
    {
        var r = new TestRig();
        Assert.Equal("1;VOLT", r.Ask("*OPC?;:SOUR:FUNC?"));
        Assert.Equal("1", r.Ask("*OPC?;:NOPE?;*IDN?"));   // the 2400 stops at the error
        Assert.Equal([-113], r.Errors());
    }

    [Fact]
    public void System_display_route_and_remote_sense()
    {
        var r = new TestRig(initialLi_mAh: 1);
        r.Send(":SYST:BEEP 1000, 0.1");
        r.Send(":SYST:BEEP 10, 0.1");          // below 65 Hz
        Assert.Equal([-222], r.Errors());
        r.Send(":SYST:REM");
        Assert.True(r.K.Remote);
        r.Send(":SYST:LOC");
        Assert.False(r.K.Remote);
        r.Send(":DISP:ENAB 0");
        Assert.Equal("0", r.Ask(":DISP:ENAB?"));
        r.Send(":ROUT:TERM REAR;:FORM:ELEM STAT;:OUTP ON");
        Assert.Equal("REAR", r.Ask(":ROUT:TERM?"));
        Assert.Equal(0, (int)r.Values(":READ?")[0] & (1 << 2));
        r.Send(":SYSTEM:RSENSE 1");
        Assert.Equal("1", r.Ask(":SYSTEM:RSENSE?"));
        Assert.NotEqual(0, (int)r.Values(":READ?")[0] & (1 << 22));
        r.Send(":ROUT:TERM FRON");
        Assert.Equal("FRON", r.Ask(":ROUT:TERM?"));
        r.Send(":SYST:TIME:RES");
        Assert.True(r.Values(":SYST:TIME?")[0] < 1e-9);
        r.Send(":FORM:DATA REAL,32");
        Assert.Equal([-221], r.Errors());
        Assert.Equal("ASC", r.Ask(":FORM:DATA?"));
    }
}
