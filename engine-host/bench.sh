#!/usr/bin/env bash
# The engine benchmarks: build the engine host, generate a benchmark stream, and run the
# throughput (bench) and latency benchmarks on it. Options: --count N (default 3,000,000), --rate R (default 1,000,000).
set -euo pipefail
cd "$(dirname "$0")/.."

count=3000000
rate=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    *) echo "usage: engine-host/bench.sh [--count N] [--rate R]" >&2; exit 2 ;;
  esac
done

work=.artifacts/run
mkdir -p "$work"
dotnet build engine-host/Bourse.EngineHost -c Release --nologo -v quiet -clp:ErrorsOnly
engine=(dotnet engine-host/Bourse.EngineHost/bin/Release/net10.0/bourse-engine.dll)

"${engine[@]}" generate --seed 1 --count "$count" --out "$work/commands.txt"
"${engine[@]}" bench --commands "$work/commands.txt" --trades-out "$work/trades.csv" --book-out "$work/book.csv"
"${engine[@]}" latency --commands "$work/commands.txt" --rate "$rate"

if command -v python3 >/dev/null && [ -f ../shared/conformance/bourse_ref.py ]; then
  echo "conformance: running the Python reference engine on the same stream (about 0.5 M commands/s)..."
  python3 ../shared/conformance/bourse_ref.py "$work/commands.txt" --out "$work/reference" >/dev/null
  if cmp -s "$work/trades.csv" "$work/reference.trades.csv" && cmp -s "$work/book.csv" "$work/reference.book.csv"; then
    echo "conformance: trades and book identical to the reference"
  else
    echo "conformance: MISMATCH with the reference (compare $work/trades.csv and $work/reference.trades.csv)" >&2
    exit 1
  fi
fi
