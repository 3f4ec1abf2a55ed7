#!/usr/bin/env bash
# Alternated A/B runs of `load` for a shared, noisy machine: builds compared in the same minutes, in rotating order,
# medians per build at the end. Each run starts a fresh server of that build (serve with a new journal, or echo), warms
# it up with one unmeasured pass, then runs `load` (the same build's client) and reads the server's CPU time (/proc)
# over the measured passes.
#
# usage: engine-host/bench/ab-load.sh serve|echo PAIRS BUILD_DIR... -- LOAD_ARGS...
#   BUILD_DIR: a directory holding bourse-engine.dll (copy a build's bin/Release/net10.0 aside to keep it as a baseline);
#     an ab.env file in it (lines NAME=VALUE) is the server's extra environment, so one build can be compared with itself
#     under another setting (a copy of the directory with, e.g., EngineHost__Journal__FlushPolicy=Interval in ab.env)
#   AB_WARMUP: unmeasured passes before the measured ones, in the same client process (default 1). Both sides' hot code
#     reaches its final tier only after several passes (tier 0, instrumented, then optimized with the profile): steady
#     state needs 4 or more.
#   LOAD_ARGS: passed to `load`, e.g. --commands cmds.txt --streams 16 --window 64 --passes 3
# Prints one line per run and, per build, the medians of: median-pass requests/s and accepted/s, p50 and p99 round
# trip (µs), server CPU µs per request (measured passes), client CPU µs per request (median pass; whole process for
# builds without it).
set -uo pipefail
mode=$1; pairs=$2; shift 2
builds=(); while [ $# -gt 0 ] && [ "$1" != "--" ]; do builds+=("$1"); shift; done; shift
load_args=("$@")
here="$(cd "$(dirname "$0")" && pwd)"
port=${AB_PORT:-5190}
hz=$(getconf CLK_TCK)
results=$(mktemp)
cpu_of() { awk -v hz="$hz" '{print ($14+$15)/hz}' "/proc/$1/stat"; }
wait_port() { for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
for ((p = 0; p < pairs; p++)); do
  for ((k = 0; k < ${#builds[@]}; k++)); do
    build=${builds[$(((k + p) % ${#builds[@]}))]}
    dll=$build/bourse-engine.dll
    work=$(mktemp -d)
    extra_env=(); [ -f "$build/ab.env" ] && mapfile -t extra_env < <(grep -v '^#' "$build/ab.env" | grep .)
    if [ "$mode" = serve ]; then
      env "${extra_env[@]}" EngineHost__JournalDirectory=$work/journal EngineHost__OrderEntry__Url=http://127.0.0.1:$port \
        dotnet "$dll" serve --config "$here/order-entry-load.json" >"$work/server.log" 2>&1 &
    else
      env "${extra_env[@]}" dotnet "$dll" echo --port "$port" >"$work/server.log" 2>&1 &
    fi
    server=$!
    if ! wait_port "$port"; then cat "$work/server.log" >&2; kill "$server"; exit 1; fi
    # Warm-up: passes the measurement does not see (both sides' JIT and tiering, the journal's first segment), in the
    # measuring client itself so that its own code is warm too. The server's CPU is read when the first measured pass
    # starts (the client says so on stderr) and when the run ends.
    /usr/bin/time -f "%U %S" -o "$work/client-time" dotnet "$dll" load --target "http://127.0.0.1:$port" "${load_args[@]}" --warmup "${AB_WARMUP:-1}" --json >"$work/out.json" 2> >(while IFS= read -r line; do
        if [ "$line" = "load: measuring" ]; then cpu_of "$server" >"$work/cpu-before"; else echo "$line" >>"$work/err.txt"; fi
      done)
    after=$(cpu_of "$server")
    sleep 0.2; before=$(cat "$work/cpu-before" 2>/dev/null || echo "$after")
    kill -TERM "$server"; wait "$server" 2>/dev/null
    python3 - "$build" "$work" "$before" "$after" "$results" <<'PY'
import json, sys
build, work, before, after, results = sys.argv[1:]
try:
    r = json.load(open(work + "/out.json"))
except Exception:
    print(f"{build}: FAILED: " + open(work + "/err.txt").read()[:800]); sys.exit()
passes = r.get("passes") or [r]
total = sum(x["requests"] for x in passes)
server = (float(after) - float(before)) * 1e6 / total
client = r.get("clientCpuUsPerRequest")
if client is None:
    user, system = map(float, open(work + "/client-time").read().split()[-2:])
    client = (user + system) * 1e6 / total
line = dict(build=build, rps=r["requestsPerSecond"], acc=r.get("acceptedPerSecond", r["requestsPerSecond"]), p50=r["p50Us"], p99=r["p99Us"], server=server, client=client)
print(f"{build:40s} {line['rps']:9.0f}/s  accepted {line['acc']:9.0f}/s  p50 {line['p50']:7.0f} µs  p99 {line['p99']:7.0f} µs  server {server:5.1f} µs/req  client {client:5.1f} µs/req  passes {' '.join('%.0f' % x['requestsPerSecond'] for x in passes)}  client GCs {' '.join('%d/%.0fms' % (x.get('clientGcCount', 0), x.get('clientGcPauseMs', 0)) for x in passes)}  p99s {' '.join('%.0f' % x['p99Us'] for x in passes)}", flush=True)
open(results, "a").write(json.dumps(line) + "\n")
PY
    rm -rf "$work"
  done
done
python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("medians:")
for build in dict.fromkeys(r["build"] for r in rows):
    mine = [r for r in rows if r["build"] == build]
    m = lambda k: statistics.median(r[k] for r in mine)
    print(f"{build:40s} {m('rps'):9.0f}/s  accepted {m('acc'):9.0f}/s  p50 {m('p50'):7.0f} µs  p99 {m('p99'):7.0f} µs  server {m('server'):5.1f} µs/req  client {m('client'):5.1f} µs/req  ({len(mine)} runs)")
PY
rm -f "$results"
