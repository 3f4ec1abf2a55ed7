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
# npm ci replaces node_modules, so it runs only when node_modules is missing or older than the lock file, under the
# lock that tools/Bourse.LocalEmulators takes for the same install.
emulators=tools/local-emulators
if [ ! -f "$emulators/node_modules/.package-lock.json" ] || [ "$emulators/package-lock.json" -nt "$emulators/node_modules/.package-lock.json" ]; then
  command -v npm >/dev/null 2>&1 || { echo "npm not found: the local emulators need Node.js 20 or later with npm" >&2; echo "0 passed, 1 failed"; exit 1; }
  (cd "$emulators" && flock .install.lock npm ci --prefer-offline --no-audit --no-fund) \
    || { echo "npm ci in $emulators failed" >&2; echo "0 passed, 1 failed"; exit 1; }
fi

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
