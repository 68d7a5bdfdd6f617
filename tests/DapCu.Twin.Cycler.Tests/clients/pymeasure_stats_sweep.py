#!/usr/bin/python3
"""Buffer statistics and a current sweep through PyMeasure's unmodified Keithley2400.

usage: pymeasure_stats_sweep.py PORT
Prints one JSON object: means/mean_voltage/mean_current after measure_voltage, the buffer data, and RvsI's points.
"""
import json
import sys

from pymeasure.instruments.keithley import Keithley2400

k = Keithley2400("TCPIP::127.0.0.1::%d::SOCKET" % int(sys.argv[1]), read_termination="\n", write_termination="\n", timeout=10000)
k.reset()
k.apply_current(compliance_voltage=4.2)
k.measure_voltage(nplc=0.01, voltage=21.0)
k.source_current = 1e-3
k.enable_source()
k.config_buffer(points=10)
k.start_buffer()
k.wait_for_buffer(timeout=60, interval=0.01)
out = {"buffer": list(k.buffer_data), "means": list(k.means), "mean_voltage": k.mean_voltage,
       "mean_current": k.mean_current, "maximums": list(k.maximums), "minimums": list(k.minimums)}
k.disable_buffer()
# RvsI's own command sequence (keithley2400.py, RvsI): Debian's PyMeasure 0.9 then sets self.connection.timeout,
# an attribute that class no longer has, so the method itself raises before :READ?; the commands are PyMeasure's.
startI, stopI, stepI = -1e-3, 1e-3, 5e-4
num = int(float(stopI - startI) / float(stepI)) + 1
k.write(":SENS:VOLT:PROT %g" % 4.2)
k.write(":SOUR:DEL %g" % 1e-3)
k.write(":SOUR:CURR:RANG %g" % (1.2 * max(abs(stopI), abs(startI))))
k.write(":SOUR:SWE:RANG FIX")
k.write(":SOUR:CURR:MODE SWE")
k.write(":SOUR:SWE:SPAC LIN")
k.write(":SOUR:CURR:STAR %g" % startI)
k.write(":SOUR:CURR:STOP %g" % stopI)
k.write(":SOUR:CURR:STEP %g" % stepI)
k.write(":TRIG:COUN %d" % num)
k.write(":SOUR:SWE:DIR UP")
k.enable_source()
data = k.values(":READ?")
currents = [startI + n * stepI for n in range(num)]
out["sweep"] = [[float(i), float(v)] for i, v in zip(currents, data)]
k.check_errors()
out["error"] = list(k.error)
k.shutdown()
print(json.dumps(out))
