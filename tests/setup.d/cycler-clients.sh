#!/usr/bin/env bash
# Third-party clients the cycler-emulation tests drive the twin with: PyMeasure's unmodified
# Keithley2400 (+ pyvisa-py for TCPIP::SOCKET resources, not a pymeasure dependency) and lxi-tools.
# Idempotent: does nothing when everything is already installed.
set -euo pipefail
need=()
for p in python3-pymeasure python3-pyvisa-py lxi-tools; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && { echo "cycler clients already installed"; exit 0; }
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${need[@]}"
