#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: restore, build (warnings are errors), test, and print the totals
# of every test run as one line "N passed, N failed". Exit code 0 only when the build and every test pass.
set -uo pipefail
cd "$(dirname "$0")"

results="$(pwd)/.artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet --info >/dev/null 2>&1 || { echo "dotnet SDK not found (see global.json for the version)" >&2; exit 2; }

# The local emulators' npm packages (Azurite, the Cosmos DB-compatible server), which tests start as real processes.
tools/local-emulators/install.sh || { echo "0 passed, 1 failed"; exit 1; }

dotnet restore Functions.sln --nologo -v quiet || { echo "restore failed" >&2; echo "0 passed, 1 failed"; exit 1; }
dotnet build Functions.sln -c Release --no-restore --nologo -v quiet -clp:ErrorsOnly || { echo "build failed" >&2; echo "0 passed, 1 failed"; exit 1; }

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" --blame-hang-timeout 5m || status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host that crashed or hung records no failure in its TRX: count it as one.
  failed=1
fi

echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
