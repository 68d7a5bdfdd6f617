#!/usr/bin/env bash
# Debian's redis-server for the cluster tests (Orleans' Redis clustering, grain storage and reminders).
# Only the binary is needed: each test starts its own redis-server on a free port with append-only-file
# persistence in a git-ignored folder of the repository and stops it. Installing the package also starts
# the system service on 6379, which no test uses; it is stopped so it holds no port or memory.
# Idempotent: does nothing when redis-server is already installed.
set -euo pipefail
if dpkg-query -W -f='${Status}' redis-server 2>/dev/null | grep -q "install ok installed"; then
  echo "redis-server already installed"; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends redis-server
if command -v systemctl >/dev/null && systemctl is-active --quiet redis-server 2>/dev/null; then
  systemctl stop redis-server || true
fi
