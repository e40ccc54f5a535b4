#!/usr/bin/env bash
# Compile-time benchmark. (1) Wall time of one `p4bpf compile PROG.p4 -o DIR` process (the CLI dll run by dotnet, as
# the ./p4bpf launcher does after its up-to-date check), median of RUNS, on a small, a medium and a large program.
# (2) In-process throughput after warm-up (bench/compile-time.cs): compiles/s of the same programs with the JIT warm.
# (3) Side by side: clang -O2 -target bpf on C programs (p4c is not installable here; see RESULTS.md): the 15-line
# xdp_pass.c and l3_router.c, a hand-written XDP counterpart of examples/l3-router.
# Usage: bench/compile-time.sh [P4C_TESTDATA]   Env: RUNS=7 SECONDS_PER_PROGRAM=5
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-/work/corpus/p4c/testdata}"
RUNS=${RUNS:-7}
SECONDS_PER_PROGRAM=${SECONDS_PER_PROGRAM:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build "$root/cli" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dll="$root/cli/bin/Release/net10.0/p4bpf.dll"

programs=("$root/tests/P4Bpf.Front.Tests/testdata/typecheck/xdp_minimal.p4" "$root/examples/l3-router/l3_router.p4")
large="$data/p4_16_samples/init-entries-bmv2.p4"
[[ -f "$large" ]] && programs+=("$large")

ms_now() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "== wall time of one compile process (median of $RUNS, ms)"
printf '%-36s %8s\n' "process" "ms"
time_cmd() { # label cmd...
  local label=$1; shift
  "$@" >/dev/null 2>&1 # warm the file cache
  for _ in $(seq "$RUNS"); do
    local t0; t0=$(ms_now)
    "$@" >/dev/null 2>&1
    echo $(( ($(ms_now) - t0) / 1000000 ))
  done | median | xargs printf '%-36s %8s\n' "$label"
}
time_cmd "dotnet p4bpf.dll --version" dotnet "$dll" --version
for p in "${programs[@]}"; do
  time_cmd "p4bpf compile $(basename "$p")" dotnet "$dll" compile "$p" -o "$out"
done
if command -v clang >/dev/null; then
  for c in xdp_pass l3_router; do
    time_cmd "clang -O2 $c.c" clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c "$root/bench/programs/$c.c" -o "$out/$c.o"
  done
  for c in xdp_pass l3_router; do
    echo "  $c.c: $(llvm-objdump -d "$out/$c.o" | grep -cE '^\s+[0-9]+:') instructions (clang)"
  done
fi

echo "== in process, after warm-up"
dotnet run "$root/bench/compile-time.cs" -c Release -- "$SECONDS_PER_PROGRAM" "${programs[@]}"
