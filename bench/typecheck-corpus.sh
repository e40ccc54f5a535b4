#!/usr/bin/env bash
# Type-checker sweep over p4c's corpus (read in place, never copied):
#  - p4_16_samples whose #includes are all headers we ship (core, v1model, psa, ebpf_model, xdp_model) or none:
#    the acceptance rate (every file should check);
#  - p4_16_errors (same include rule): the rejection rate, and how many have their first error at a line p4c's
#    expected output (p4_16_errors_outputs/X.p4-stderr) names (rule below); the rest are listed in misses.txt.
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
# "At a line p4c names": `p4bpf check` prints only the FIRST diagnostic of each file, and that one diagnostic must be
# on a line that p4c's expected output (p4_16_errors_outputs/X.p4-stderr) names for this file, i.e. some line of it
# begins with `[dir/]X.p4(LINE)` (the error line itself, or a note/declaration line p4c prints with it).
# When the expected output names no line of the file at all (p4c reports a location-less error, e.g. "Declaration
# of the action NoAction not found"), any rejection counts; these are counted separately as `unlocated`. The strict
# figure leaves them out (counted over all files checked): only a first error on a line p4c names counts.
atline=0; unlocated=0; : >"$logdir/misses.txt"
while read -r line; do
  file=${line%%: *}
  base=$(basename "$file")
  ours_line=$(echo "$line" | sed -nE 's/^[^ ]+: [^(]*\(([0-9]+),[0-9]+\).*/\1/p')
  expected="$data/p4_16_errors_outputs/$base-stderr"
  [[ -f "$expected" && -n "$ours_line" ]] || { echo "$line" >>"$logdir/misses.txt"; continue; }
  esc=${base//./\\.}
  if grep -qE "^([^ ]*/)?$esc\($ours_line\)" "$expected"; then atline=$((atline + 1))
  elif ! grep -qE "^([^ ]*/)?$esc\([0-9]+\)" "$expected"; then atline=$((atline + 1)); unlocated=$((unlocated + 1))
  else echo "$line" >>"$logdir/misses.txt"; fi
done < <(grep -E '^[^ ]+\.p4: .*: error P4E[0-9]+' "$logdir/errors.log")
grep -E '^[^ ]+\.p4: ok$' "$logdir/errors.log" >>"$logdir/misses.txt"
awk -v r="$rejected" -v m="$m" -v a="$atline" -v u="$unlocated" 'BEGIN {
  printf "errors: %d checked, %d rejected (%.1f%%), %d with the first error at a line p4c names (%.1f%%; %d of them: p4c names no line)\n", m, r, 100.0 * r / m, a, 100.0 * a / m, u
  printf "errors, strict (the first error on a line p4c names; files where p4c names no line do not count): %d of %d (%.1f%%)\n", a - u, m, 100.0 * (a - u) / m }'
echo "error-corpus rejections by diagnostic id:"
grep -oE '^[^ ]+\.p4: [^ ]+: (error|warning) P4[EW][0-9]+' "$logdir/errors.log" | grep -oE 'P4[EW][0-9]+$' | sort | uniq -c | sort -rn | head -20
echo "logs: $logdir"
