#!/usr/bin/env bash
# Order entry end to end: `load` against the bare echo stream (the baseline), then against `serve` with a fresh journal,
# in the same run. Usage: engine-host/bench/order-entry-load.sh [COMMANDS] [STREAMS] [WINDOW] [PASSES] [WARMUP]
# The defaults are the order-entry target's set-up: 16 streams × 8 in flight, 4 unmeasured passes to reach steady state.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
commands="${1:-300000}" streams="${2:-16}" window="${3:-8}" passes="${4:-5}" warmup="${5:-4}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release "$repo/engine-host/Bourse.EngineHost" -v q -nologo >/dev/null
engine="$repo/engine-host/Bourse.EngineHost/bin/Release/net10.0/bourse-engine.dll"
dotnet "$engine" generate --seed 1 --count "$commands" --out "$work/commands.txt" >/dev/null

wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "nothing listens on $1" >&2; return 1; }
stop_last() { kill -TERM "${pids[-1]}"; wait "${pids[-1]}" || true; unset 'pids[-1]'; }

dotnet "$engine" echo --port 5102 >"$work/echo.log" 2>&1 & pids+=($!)
wait_port 5102
echo "baseline (echo: gRPC stream, session queue and batched writer only):"
dotnet "$engine" load --target http://127.0.0.1:5102 --commands "$work/commands.txt" --streams "$streams" --window "$window" --passes "$passes" --warmup "$warmup"
stop_last

EngineHost__JournalDirectory="$work/journal" dotnet "$engine" serve --config "$here/order-entry-load.json" >"$work/serve.log" 2>&1 & pids+=($!)
wait_port 5100
echo "engine host (serve: gateway, shard ring, journal with fsync per batch, matching, outcome routing):"
dotnet "$engine" load --target http://127.0.0.1:5100 --commands "$work/commands.txt" --streams "$streams" --window "$window" --passes "$passes" --warmup "$warmup"
stop_last
