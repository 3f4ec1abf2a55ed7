#!/usr/bin/env bash
# Installs the local emulators' npm packages (Azurite, the Cosmos DB-compatible server) when node_modules is missing or
# older than the lock file. npm ci replaces node_modules, so it runs under the lock that tools/Bourse.LocalEmulators takes
# for the same install. Used by ./run.sh and ./test.sh.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  command -v npm >/dev/null 2>&1 || { echo "npm not found: the local emulators need Node.js 20 or later with npm" >&2; exit 1; }
  flock .install.lock npm ci --prefer-offline --no-audit --no-fund || { echo "npm ci in tools/local-emulators failed" >&2; exit 1; }
fi
