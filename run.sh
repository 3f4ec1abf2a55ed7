#!/usr/bin/env bash
# The main job: a trading day on the local back office. Installs the local emulators if needed, builds, starts Azurite,
# the Cosmos DB-compatible server, the local Event Hubs endpoint, the engine host and the local host, seeds them, drives
# the day through the HTTP API, reconciles, checks the ledger, prints the summary and stops everything.
# Options (passed to `bourse-local day`): --orders N (300), --rate R orders/s (1.5), --seed S (1), --keep-running, --work DIR.
set -euo pipefail
cd "$(dirname "$0")"

dotnet --info >/dev/null 2>&1 || { echo "dotnet SDK not found (see global.json for the version)" >&2; exit 2; }
tools/local-emulators/install.sh
echo "building ..."
dotnet build tools/Bourse.LocalRun -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet tools/Bourse.LocalRun/bin/Release/net10.0/bourse-local.dll day "$@"
