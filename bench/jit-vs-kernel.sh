#!/usr/bin/env bash
# Side by side: the same clang objects in the kernel (BPF_PROG_TEST_RUN via bpftool), our JIT and our interpreter.
# Programs (bench/programs): (0) xdp_empty floor, (1) xdp_pass 14-byte check, (2) xdp_hash parse + hash lookup + MAC
# rewrite, (3) xdp_lpm the same with an LPM trie, (4) alu100p ~100 loop-free ALU instructions seeded from the packet.
# Prints ns/run (median of RUNS runs of REPEAT calls) and ratios. Needs root, clang, bpftool, /sys/fs/bpf.
# Env: RUNS=9 REPEAT=1000000 CPU=1 OUT=/tmp/p4bpf-jitbench
# Our times are the median over chunks of REPEAT/100 calls (RUNS x 100 chunks), so time slices lost to other processes
# drop out, as BPF_PROG_TEST_RUN pauses its timer when it reschedules; the kernel's is bpftool's average, median of RUNS.
set -euo pipefail
RUNS=${RUNS:-9}
REPEAT=${REPEAT:-1000000}
CPU=${CPU:-1}
OUT=${OUT:-/tmp/p4bpf-jitbench}
PIN=/sys/fs/bpf/p4bpf_jitbench
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BENCH="$ROOT/bench/P4Bpf.Bench/bin/Release/net10.0/P4Bpf.Bench.dll"

mkdir -p "$OUT"
rm -rf "$PIN"
mkdir -p "$PIN"
trap 'rm -rf "$PIN"' EXIT

printf 'SEC("xdp") int xdp_empty(void *ctx) { return 2; }\nchar _license[] SEC("license") = "GPL";\n' |
    sed '1i #include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>' > "$OUT/xdp_empty.c"
python3 "$HERE/programs/gen_alu100p.py" "$OUT/alu100p.c"
cmp -s "$OUT/alu100p.c" "$HERE/programs/alu100p.c" || echo "warning: bench/programs/alu100p.c differs from its generator" >&2
for p in xdp_pass xdp_hash xdp_lpm; do cp "$HERE/programs/$p.c" "$OUT/"; done
for p in xdp_empty xdp_pass xdp_hash xdp_lpm alu100p; do
    clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c "$OUT/$p.c" -o "$OUT/$p.o"
done
python3 "$HERE/programs/gen_data.py" "$OUT" "$PIN"
dotnet build "$ROOT/bench/P4Bpf.Bench" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null

kernel() { # prog pkt [batch]
    local prog=$1 pkt=$2 batch=${3:-}
    if [ ! -e "$PIN/${prog}_prog" ]; then
        mkdir -p "$PIN/${prog#xdp_}_maps" "$PIN/${prog}_prog"
        bpftool prog loadall "$OUT/$prog.o" "$PIN/${prog}_prog" pinmaps "$PIN/${prog#xdp_}_maps"
        [ -n "$batch" ] && bpftool batch file "$batch" >/dev/null
    fi
    for _ in $(seq "$RUNS"); do
        taskset -c "$CPU" bpftool prog run pinned "$PIN/${prog}_prog/$prog" data_in "$pkt" repeat "$REPEAT" |
            sed -n 's/.*duration (average): \([0-9]*\)ns.*/\1/p'
    done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

ours() { # prog pkt [batch] -> "jit jit-engine interp interp-engine emit-us"
    local out
    # TieredCompilation=0: helpers and maps run fully optimized from the first call (the steady state of a long-running
    # engine) instead of waiting for background tier-up, which a busy machine starves.
    out=$(DOTNET_TieredCompilation=0 taskset -c "$CPU" dotnet "$BENCH" xdp-run "$OUT/$1.o" "$1" "$2" "$REPEAT" "$RUNS" ${3:-})
    echo "$out" | sed 's/^/    # /' >&2
    echo "$(echo "$out" | awk '$1=="jit"{print $2}') $(echo "$out" | awk '$1=="jit-engine"{print $2}') \
$(echo "$out" | awk '$1=="interpreter"{print $2}') $(echo "$out" | awk '$1=="interpreter-engine"{print $2}')"
}

echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  kernel: $(uname -r)  load: $(cut -d' ' -f1-3 /proc/loadavg)  RUNS=$RUNS REPEAT=$REPEAT CPU=$CPU"
printf '%-22s %6s | %8s | %8s %8s | %9s %9s | %9s %9s\n' program insns kernel jit jit-eng interp interp-eng jit/kern interp/jit
row() { # label prog pkt [batch-kernel batch-engine]
    local label=$1 prog=$2 pkt=$3 kb=${4:-} eb=${5:-}
    local k insns j je i ie
    k=$(kernel "$prog" "$pkt" "$kb")
    read -r j je i ie < <(ours "$prog" "$pkt" "$eb")
    insns=$(llvm-objdump -d "$OUT/$prog.o" | grep -cE '^ +[0-9]+:')
    printf '%-22s %6s | %8s | %8.2f %8.2f | %9.1f %9.1f | %9.3f %9.1f\n' "$label" "$insns" "$k" "$j" "$je" "$i" "$ie" \
        "$(echo "$j / $k" | bc -l)" "$(echo "$i / $j" | bc -l)"
}
row "(0) empty" xdp_empty "$OUT/pkt_miss.bin"
row "(1) 14-byte check" xdp_pass "$OUT/pkt_miss.bin"
row "(2) hash, hit" xdp_hash "$OUT/pkt_hash_hit.bin" "$OUT/hash_kernel.txt" "$OUT/hash_engine.txt"
row "(2) hash, miss" xdp_hash "$OUT/pkt_miss.bin" "$OUT/hash_kernel.txt" "$OUT/hash_engine.txt"
row "(3) lpm, /32 hit" xdp_lpm "$OUT/pkt_lpm_hit.bin" "$OUT/lpm_kernel.txt" "$OUT/lpm_engine.txt"
row "(3) lpm, miss" xdp_lpm "$OUT/pkt_miss.bin" "$OUT/lpm_kernel.txt" "$OUT/lpm_engine.txt"
row "(4) alu100p" alu100p "$OUT/pkt_miss.bin"
echo "kernel = bpftool prog run (BPF_PROG_TEST_RUN, includes its ~30 ns per-run harness); jit = compiled program on a prepared"
echo "context; jit-eng/interp-eng = PacketRunner.RunRaw (copies the packet into the context every run); interp = checked interpreter."
taskset -c "$CPU" dotnet "$BENCH" jit-compile-times "$ROOT/../shared/ebpf-conformance" 2>/dev/null || true
