#!/usr/bin/python3
"""Galvanostatic Li plating/stripping on a virtual Li|Cu cell through PyMeasure's unmodified Keithley2400.

usage: pymeasure_galvanostatic.py PORT CURRENT_A PLATE_S CUTOFF_V CYCLES

Per cycle: plate at -CURRENT_A for PLATE_S (instrument time), then strip at +CURRENT_A with the compliance
voltage as the cutoff, until the source is in compliance and the current has fallen below 1 % of the set value.
Charge is integrated (trapezoid) over the readings' timestamps, so time scaling is invisible to the client.
Prints one JSON object: identity, buffer statistics and per-cycle plated/stripped charge, CE and overpotential.
"""
import json
import sys

from pymeasure.instruments.keithley import Keithley2400

port, current, plate_s, cutoff, cycles = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
k = Keithley2400("TCPIP::127.0.0.1::%d::SOCKET" % port, read_termination="\n", write_termination="\n", timeout=5000)

out = {"idn": k.id}
k.reset()
k.apply_current(compliance_voltage=cutoff)
k.measure_voltage(nplc=0.01, voltage=21.0)
k.check_errors()
# Elements for integration: voltage, current, timestamp, status word (bit 3 = compliance).
k.write(":FORM:ELEM VOLT,CURR,TIME,STAT")
out["elements"] = k.ask(":FORM:ELEM?").strip()


def read():
    v, i, t, status = k.values(":READ?")
    return v, i, t, int(status)


# Open-circuit voltage of the bare Cu electrode through the buffer: config, start, wait (*STB? == 65), data, means.
k.source_current = 0
k.enable_source()
k.config_buffer(points=4)
k.start_buffer()
k.wait_for_buffer(timeout=10, interval=0.01)
data = k.buffer_data
out["buffer_points"] = len(data)
out["buffer_means"] = list(k.means)
k.disable_buffer()
k.trigger_count = 1  # config_buffer left it at 4: one :READ? would return 4 readings
k.check_errors()


def galvanostatic(level, until, t_prev):
    """Sets the level right after the reading taken at t_prev and integrates current over the readings'
    timestamps until until(v, i, status, elapsed) says stop. Returns the phase's figures and its last time."""
    k.source_current = level
    i_prev = level
    t0, charge, v_area, n, v_prev = t_prev, 0.0, 0.0, 0, None
    while True:
        v, i, t, status = read()
        dt = t - t_prev
        charge += 0.5 * (i + i_prev) * dt
        v_area += 0.5 * (v + (v if v_prev is None else v_prev)) * dt
        n += 1
        t_prev, i_prev, v_prev = t, i, v
        if until(v, i, status, t - t0):
            return abs(charge) / 3.6, (t - t0), v_area / (t - t0), n, t  # mAh (A*s / 3.6), s, mean V, readings


results = []
t_last = read()[2]
for cycle in range(cycles):
    plated, plate_time, v_plate, n_plate, t_last = galvanostatic(-current, lambda v, i, s, el: el >= plate_s, t_last)
    stripped, strip_time, _, n_strip, t_last = galvanostatic(
        current, lambda v, i, s, el: ((s >> 3) & 1 and abs(i) < 0.01 * current) or el > 3 * plate_s, t_last)
    results.append({"plated_mAh": plated, "stripped_mAh": stripped, "ce": stripped / plated,
                    "overpotential_mV": -1000.0 * v_plate, "plate_s": plate_time, "strip_s": strip_time,
                    "readings": n_plate + n_strip})
out["cycles"] = results
k.check_errors()
out["error"] = list(k.error)
k.shutdown()
print(json.dumps(out))
