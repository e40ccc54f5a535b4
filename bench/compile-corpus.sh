#!/usr/bin/env bash
# Compile sweep over p4c's p4_16_samples (read in place, never copied) for our four architectures:
# every sample whose #includes are all headers we ship and whose main package is ebpfFilter, xdp, V1Switch or
# PSA_Switch is compiled with `p4bpf compile`; every object produced is loaded into the kernel verifier with
# `bpftool prog loadall` (when run as root with /sys/fs/bpf mounted). Prints the rates and the main failure classes.
# Usage: bench/compile-corpus.sh [P4C_TESTDATA]   (default /work/corpus/p4c/testdata); KEEP_LOG=dir keeps logs and objects.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-/work/corpus/p4c/testdata}"
logdir="${KEEP_LOG:-$(mktemp -d)}"
mkdir -p "$logdir/obj"
ours='^((bmv2|dpdk)/)?(core|v1model|psa|ebpf_model|xdp_model)\.p4$'

select_files() { # DIR → files whose includes are all ours and whose main is one of our packages
  for f in "$1"/*.p4; do
    [[ -f "$f" ]] || continue
    ok=1
    while read -r inc; do
      [[ "$inc" =~ $ours ]] || { ok=0; break; }
    done < <(grep -oE '^\s*#\s*include\s*[<"][^>"]+[>"]' "$f" | sed -E 's/.*[<"]([^>"]+)[>"]/\1/')
    (( ok )) || continue
    grep -qE '^\s*(V1Switch|ebpfFilter|xdp|PSA_Switch)\s*\(' "$f" && echo "$f"
  done
}

mapfile -t samples < <(select_files "$data/p4_16_samples")
n=${#samples[@]}
"$root/p4bpf" compile "${samples[@]}" -o "$logdir/obj" >"$logdir/compile.log" 2>&1
compiled=$(grep -c ': ok$' "$logdir/compile.log")
awk -v ok="$compiled" -v n="$n" 'BEGIN { printf "samples: %d for our architectures, %d compile (%.1f%%)\n", n, ok, 100.0 * ok / n }'
for arch in V1Switch ebpfFilter xdp PSA_Switch; do
  total=0; good=0
  for f in "${samples[@]}"; do
    grep -qE "^\s*$arch\s*\(" "$f" || continue
    total=$((total + 1))
    grep -qF "$f: ok" "$logdir/compile.log" && good=$((good + 1))
  done
  echo "  $arch: $good / $total"
done

if [[ $(id -u) == 0 && -d /sys/fs/bpf ]] && command -v bpftool >/dev/null; then
  loaded=0; total=0
  : >"$logdir/load.log"
  for o in "$logdir"/obj/*.o; do
    [[ -f "$o" ]] || continue
    total=$((total + 1))
    pin="/sys/fs/bpf/p4bpf-sweep-$$-$total"
    if timeout 60 bpftool prog loadall "$o" "$pin" >"$logdir/load-one.log" 2>&1; then
      loaded=$((loaded + 1))
    else
      echo "$(basename "$o"): $(grep -vE '^\s*$|Warning|strict mode' "$logdir/load-one.log" | grep -E 'error|invalid|unreachable|too|R[0-9]|-E' | tail -1)" >>"$logdir/load.log"
    fi
    rm -rf "$pin"
  done
  awk -v l="$loaded" -v t="$total" 'BEGIN { printf "kernel: %d of %d compiled objects load (%.1f%%)\n", l, t, t ? 100.0 * l / t : 0 }'
  echo "kernel rejections (last verifier line, grouped):"
  sed -E 's/^[^:]+: //; s/[0-9]+/N/g' "$logdir/load.log" | sort | uniq -c | sort -rn | head -10
fi

echo "compile failures by class:"
grep -vE ': ok$|passed, .* failed' "$logdir/compile.log" | sed -E 's/^[^ ]+: //; s/^[^ ]*\([0-9]+,[0-9]+\): //; s/^[^ ]+\.p4: //' \
  | sed -E "s/'[^']*'/'X'/g; s/([^E0-9])[0-9]+/\1N/g" | cut -c1-110 | sort | uniq -c | sort -rn | head -40
echo "logs: $logdir"
