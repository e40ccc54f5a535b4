#!/usr/bin/env bash
# Targets benchmark: the software switch's packets per second on 1 and 2 workers (l3-router and acl-firewall examples and their xdp_model
# ports), the SmartNIC model's estimates with their inputs, and the kernel target's rate on a veth pair with real traffic (XDP program attached
# by our kernel target to one end, frames sent into the other end from a network namespace with an AF_PACKET socket; the program's run count
# and run time come from the kernel's bpf_stats).
# Usage: bench/targets-software.sh [SECONDS=5] [software|nic|kernel|all]   (root for the kernel part)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-5}"
what="${2:-all}"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  kernel: $(uname -r)  cores: $(nproc)  memory: $(free -g | awk '/^Mem/ { print $2 }') GiB"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run() { dotnet run "$root/bench/targets-bench.cs" -c Release -- "$@"; }
if [[ $what == all || $what == software ]]; then
  echo "== software switch (${secs} s per measurement, JIT)"
  run software "$secs"
fi
if [[ $what == all || $what == nic ]]; then
  echo "== SmartNIC model"
  run nic "$secs"
fi
if [[ $what == all || $what == kernel ]]; then
  echo "== kernel target on a veth pair"
  ns="p4b-tgt$$"; a="p4bt$$a"; b="p4bt$$b"
  old_stats=$(sysctl -n kernel.bpf_stats_enabled)
  cleanup() { ip link del "$a" 2>/dev/null || true; ip netns del "$ns" 2>/dev/null || true; sysctl -qw kernel.bpf_stats_enabled="$old_stats"; }
  trap cleanup EXIT
  ip netns add "$ns"
  ip link add "$a" type veth peer name "$b" netns "$ns"
  ip link set "$a" up
  ip -n "$ns" link set "$b" up
  sysctl -qw kernel.bpf_stats_enabled=1
  run kernel "$secs" "$ns" "$a" "$b"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
