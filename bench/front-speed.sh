#!/usr/bin/env bash
# Front-end speed (a benchmark, not a test):
#  1. preprocess + parse + type-check of the largest p4c sample that checks, in lines/second after warm-up
#     (bench/front-speed.cs, in process);
#  2. wall time of `./p4bpf check` on a typical program (a fresh process each time: .NET start-up + JIT included).
# Usage: bench/front-speed.sh [P4C_TESTDATA] [TYPICAL.p4]   (defaults: /work/corpus/p4c/testdata, examples/l3-router/l3_router.p4)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-/work/corpus/p4c/testdata}"
typical="${2:-$root/examples/l3-router/l3_router.p4}"
ours='^(core|v1model|psa|ebpf_model|xdp_model)\.p4$'

# the largest sample (by lines) whose includes we ship and that checks
largest=""
while read -r _ f; do
  ok=1
  while read -r inc; do [[ "$inc" =~ $ours ]] || { ok=0; break; }; done \
    < <(grep -oE '^\s*#\s*include\s*[<"][^>"]+[>"]' "$f" | sed -E 's/.*[<"]([^>"]+)[>"]/\1/')
  (( ok )) || continue
  if "$root/p4bpf" check "$f" >/dev/null 2>&1; then largest="$f"; break; fi
done < <(for f in "$data"/p4_16_samples/*.p4; do [[ -f "$f" ]] && echo "$(wc -l <"$f") $f"; done | sort -rn | head -20)
[[ -n "$largest" ]] || { echo "no checking sample found in $data/p4_16_samples"; exit 1; }

echo "== in-process rate on the largest sample"
dotnet run "$root/bench/front-speed.cs" -c Release -- "$largest" "${SECONDS_TIMED:-10}"

echo "== ./p4bpf check wall time on $typical ($(wc -l <"$typical") lines), 10 runs after one warm-up run"
"$root/p4bpf" check "$typical" >/dev/null
times=()
for _ in $(seq 10); do
  start=$(date +%s%N)
  "$root/p4bpf" check "$typical" >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1; s += $1 } END { printf "wall ms: min %d, median %d, mean %.0f, max %d\n", a[1], a[int((NR + 1) / 2)], s / NR, a[NR] }'
