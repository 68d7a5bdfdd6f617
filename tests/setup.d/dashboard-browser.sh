#!/usr/bin/env bash
# Debian's Chromium for the real-browser dashboard test (Playwright drives /usr/bin/chromium; no browser
# download) and Debian's Prometheus for the scrape test (the test starts it with its own config).
# Also npm, which the build of src/DapCu.Twin.Dashboard needs to fetch its chart library (uPlot).
# Idempotent: does nothing when everything is already installed.
set -euo pipefail
need=()
command -v npm >/dev/null || need+=(npm)
for p in chromium prometheus; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && { echo "chromium, prometheus and npm already installed"; exit 0; }
export DEBIAN_FRONTEND=noninteractive
apt-get update
# --no-install-recommends keeps Prometheus' service units from pulling node-exporter etc.
apt-get install -y --no-install-recommends "${need[@]}"
# The Debian package starts a system Prometheus on :9090; the test runs its own on a free port instead.
if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
  systemctl stop prometheus || true
fi
