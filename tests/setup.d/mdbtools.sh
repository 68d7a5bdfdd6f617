#!/usr/bin/env bash
# Debian's mdbtools: `dapcu import` reads Arbin .res files (MS Access databases) by streaming the CSV that
# mdb-export writes. The Arbin .res tests need it. Idempotent: does nothing when mdb-export is already there.
set -euo pipefail
if command -v mdb-export >/dev/null 2>&1; then
  echo "mdbtools already installed"; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends mdbtools
