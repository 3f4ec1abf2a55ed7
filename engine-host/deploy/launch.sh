#!/usr/bin/env bash
# Starts the engine host on one NUMA node: its memory from that node only (numactl --membind) and its threads on that
# node's CPUs (--cpunodebind), or on BOURSE_HOUSEKEEPING_CPUS (--physcpubind) so that nothing but the matching threads
# runs on their cores. The matching threads then pin themselves to their configured CPUs (sched_setaffinity; a thread
# may leave the process's initial CPU set, within its cgroup's cpuset).
#
# The node is that of the shards' CPUs in the configuration, as `bourse-engine topology --print-node` reports it; that
# command also refuses a layout this machine cannot run (an absent or offline CPU, shards on two nodes), and then this
# script exits 78 (EX_CONFIG), which the systemd unit does not restart.
#
# Environment (all optional):
#   BOURSE_HOME               where the host is installed (default /opt/bourse-engine)
#   BOURSE_ENGINE             the command that runs the host (default $BOURSE_HOME/bourse-engine)
#   BOURSE_CONFIG             the settings file (default /etc/bourse-engine/appsettings.json)
#   BOURSE_VERB               the host's verb (default serve)
#   BOURSE_NUMA_NODE          bind to this node instead of the layout's
#   BOURSE_HOUSEKEEPING_CPUS  CPU list for the host's other threads, e.g. 0-1 (default: the whole node)
#   BOURSE_NUMACTL            the numactl command (default numactl); must exist unless --dry-run
#
# Usage: launch.sh [--dry-run] [extra arguments for the host verb]
#   --dry-run  print the command instead of running it
set -euo pipefail

dry_run=false
if [[ ${1:-} == --dry-run ]]; then
  dry_run=true
  shift
fi

home=${BOURSE_HOME:-/opt/bourse-engine}
config=${BOURSE_CONFIG:-/etc/bourse-engine/appsettings.json}
verb=${BOURSE_VERB:-serve}
read -r -a engine <<<"${BOURSE_ENGINE:-$home/bourse-engine}"
read -r -a numactl <<<"${BOURSE_NUMACTL:-numactl}"

EX_CONFIG=78
EX_UNAVAILABLE=69

if [[ ! -r $config ]]; then
  echo "launch.sh: cannot read the settings file $config (BOURSE_CONFIG)" >&2
  exit "$EX_CONFIG"
fi

node=${BOURSE_NUMA_NODE:-}
if [[ -z $node ]]; then
  # Prints e.g. "0"; on a refused layout prints why on stderr and exits non-zero.
  if ! node=$("${engine[@]}" topology --config "$config" --print-node); then
    echo "launch.sh: the engine host's layout in $config is refused (above); not starting" >&2
    exit "$EX_CONFIG"
  fi
fi

if [[ ! $node =~ ^[0-9]+(,[0-9]+)*$ ]]; then
  echo "launch.sh: '$node' is not a NUMA node list" >&2
  exit "$EX_CONFIG"
fi

if [[ -n ${BOURSE_HOUSEKEEPING_CPUS:-} ]]; then
  cpus=(--physcpubind="$BOURSE_HOUSEKEEPING_CPUS")
else
  cpus=(--cpunodebind="$node")
fi

command=("${numactl[@]}" "${cpus[@]}" --membind="$node" -- "${engine[@]}" "$verb" --config "$config" "$@")

if $dry_run; then
  printf '%q ' "${command[@]}"
  printf '\n'
  exit 0
fi

if ! command -v "${numactl[0]}" >/dev/null 2>&1; then
  echo "launch.sh: ${numactl[0]} not found (apt-get install numactl / dnf install numactl)" >&2
  exit "$EX_UNAVAILABLE"
fi

echo "launch.sh: NUMA node $node; exec ${command[*]}" >&2
exec "${command[@]}"
