#!/usr/bin/env bash
# Type-checker sweep over p4c's corpus (read in place, never copied):
#  - p4_16_samples whose #includes are all headers we ship (core, v1model, psa, ebpf_model, xdp_model) or none:
#    the acceptance rate (every file should check);
#  - p4_16_errors (same include rule): the rejection rate, and how many are rejected at the line p4c's
#    expected output (p4_16_errors_outputs/X.p4-stderr) names first.
# Usage: bench/typecheck-corpus.sh [P4C_TESTDATA]   (default /work/corpus/p4c/testdata); KEEP_LOG=dir keeps the logs.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-/work/corpus/p4c/testdata}"
logdir="${KEEP_LOG:-$(mktemp -d)}"
mkdir -p "$logdir"
ours='^(core|v1model|psa|ebpf_model|xdp_model)\.p4$'

select_files() { # DIR → files whose includes are all ours
  for f in "$1"/*.p4; do
    [[ -f "$f" ]] || continue
    ok=1
    while read -r inc; do
      [[ "$inc" =~ $ours ]] || { ok=0; break; }
    done < <(grep -oE '^\s*#\s*include\s*[<"][^>"]+[>"]' "$f" | sed -E 's/.*[<"]([^>"]+)[>"]/\1/')
    (( ok )) && echo "$f"
  done
}

mapfile -t samples < <(select_files "$data/p4_16_samples")
mapfile -t errors < <(select_files "$data/p4_16_errors")
"$root/p4bpf" check "${samples[@]}" >"$logdir/samples.log" 2>&1
"$root/p4bpf" check "${errors[@]}" >"$logdir/errors.log" 2>&1

ok=$(grep -c ': ok$' "$logdir/samples.log")
n=${#samples[@]}
awk -v ok="$ok" -v n="$n" 'BEGIN { printf "samples: %d checked, %d accepted (%.1f%%)\n", n, ok, 100.0 * ok / n }'
echo "sample failures by diagnostic id:"
grep -oE '^[^ ]+\.p4: [^ ]+: (error|warning) P4[EW][0-9]+' "$logdir/samples.log" | grep -oE 'P4[EW][0-9]+$' | sort | uniq -c | sort -rn

m=${#errors[@]}
rejected=$(grep -cE '^[^ ]+\.p4: .*: error P4E[0-9]+' "$logdir/errors.log")
atline=0
while read -r line; do
  file=${line%%: *}
  base=$(basename "$file")
  ours_line=$(echo "$line" | sed -nE 's/^[^ ]+: [^(]*\(([0-9]+),[0-9]+\).*/\1/p')
  expected="$data/p4_16_errors_outputs/$base-stderr"
  [[ -f "$expected" && -n "$ours_line" ]] || continue
  if grep -E "^[^ ]*$base\(($ours_line)\)" "$expected" | grep -q 'error'; then atline=$((atline + 1)); fi
done < <(grep -E '^[^ ]+\.p4: .*: error P4E[0-9]+' "$logdir/errors.log")
awk -v r="$rejected" -v m="$m" -v a="$atline" 'BEGIN { printf "errors: %d checked, %d rejected (%.1f%%), %d at a line p4c names (%.1f%%)\n", m, r, 100.0 * r / m, a, 100.0 * a / m }'
echo "error-corpus rejections by diagnostic id:"
grep -oE '^[^ ]+\.p4: [^ ]+: (error|warning) P4[EW][0-9]+' "$logdir/errors.log" | grep -oE 'P4[EW][0-9]+$' | sort | uniq -c | sort -rn | head -20
echo "logs: $logdir"
