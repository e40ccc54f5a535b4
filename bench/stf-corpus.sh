#!/usr/bin/env bash
# Runs every p4c p4_16_samples STF test whose program uses ebpf_model, xdp_model, v1model or PSA through `p4bpf stf`
# (compile from P4, run in the software switch) and prints the pass rate per architecture and the failure classes:
# compile errors grouped by diagnostic id and message shape, load errors (verifier), STF mismatches by kind, crashes/timeouts.
# Usage: bench/stf-corpus.sh [DIR]   (default /work/corpus/p4c/testdata/p4_16_samples; the corpus is never committed)
# Env: JOBS=2 parallel runs, TIMEOUT=60 seconds per test, OUT=/tmp/p4bpf-stf-corpus (per-test logs), FILTER=regex on test names.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-/work/corpus/p4c/testdata/p4_16_samples}"
jobs="${JOBS:-2}"
timeout_s="${TIMEOUT:-60}"
out="${OUT:-/tmp/p4bpf-stf-corpus}"
filter="${FILTER:-.}"
dll="$root/cli/bin/Release/net10.0/p4bpf.dll"
"$root/p4bpf" version >/dev/null || { echo "cannot build the CLI"; exit 1; }
rm -rf "$out"
mkdir -p "$out/logs"
# Run a copy of the CLI, so that rebuilding the tree during the sweep does not change (or break) the runs.
cp -r "$(dirname "$dll")" "$out/cli"
dll="$out/cli/$(basename "$dll")"

# The architecture of a program: the first architecture header it (or a local file it includes) pulls in.
arch_of() {
  local p4="$1" seen="" queue=("$1") f inc
  while ((${#queue[@]})); do
    f="${queue[0]}"; queue=("${queue[@]:1}")
    [[ -f "$f" && " $seen " != *" $f "* ]] || continue
    seen="$seen $f"
    while read -r inc; do
      case "$inc" in
        v1model.p4) echo v1model; return ;;
        psa.p4|bmv2/psa.p4) echo psa; return ;;
        ebpf_model.p4) echo ebpf_model; return ;;
        xdp_model.p4) echo xdp_model; return ;;
        core.p4) ;;
        *.p4) queue+=("$(dirname "$p4")/$inc") ;;
        *) echo other; return ;;
      esac
    done < <(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^>"]+)[>"].*/\1/p' "$f")
  done
  echo other
}

list="$out/tests.txt"
: >"$list"
for stf in "$dir"/*.stf; do
  name="$(basename "$stf" .stf)"
  [[ "$name" =~ $filter ]] || continue
  p4="$dir/$name.p4"
  [[ -f "$p4" ]] || continue
  a="$(arch_of "$p4")"
  [[ "$a" == other ]] && continue
  echo "$name $a" >>"$list"
done

run_one() {
  local name="$1" a="$2"
  local log="$out/logs/$name.log" rc
  timeout "$timeout_s" dotnet "$dll" stf "$dir/$name.p4" "$dir/$name.stf" -I "$dir" >"$log" 2>&1
  rc=$?
  echo "$name $a $rc" >"$out/logs/$name.rc"
}
export -f run_one
export dir out dll timeout_s
xargs -P "$jobs" -L 1 bash -c 'run_one "$0" "$1"' <"$list"
cat "$out"/logs/*.rc >"$out/results.txt" 2>/dev/null

echo "== pass rate per architecture"
awk '{ n[$2]++; if ($3 == 0) ok[$2]++; N++; if ($3 == 0) OK++ }
     END { for (a in n) printf "%-11s %3d/%3d  %5.1f%%\n", a, ok[a], n[a], 100.0 * ok[a] / n[a];
           printf "%-11s %3d/%3d  %5.1f%%\n", "all", OK, N, 100.0 * OK / N }' "$out/results.txt" | sort

echo "== outcome (1 = STF mismatch, 2 = compile error, 3 = load error, 4 = usage, 124 = timeout, other = crash)"
awk '{ print $3 }' "$out/results.txt" | sort | uniq -c | sort -rn

# One failure class per failed test.
classify() {
  local name="$1" rc="$3" log="$out/logs/$1.log"
  case "$rc" in
    0) return ;;
    2) grep -m1 -oE 'error P4E[0-9]+: .*' "$log" | sed -E 's/'"'"'[^'"'"']*'"'"'/X/g; s/[0-9]+/N/g; s/^error //' | cut -c1-90 | sed 's/^/compile: /' ;;
    3) grep -m1 -E 'p4bpf: error' "$log" | sed -E 's/^p4bpf: error: //; s/[0-9]+/N/g' | cut -c1-90 | sed 's/^/load: /' ;;
    1) if grep -q 'parse error' "$log"; then echo "stf: parse error";
       elif grep -qE ': (add|setdefault|remove|check_counter|mirroring_add|mc_[a-z_]+|register_[a-z]+|[a-z_]+): ' "$log"; then
         grep -m1 -oE ': (add|setdefault|remove|check_counter|mirroring_add|mc_[a-z_]+|register_[a-z]+|[a-z_]+): .*' "$log" | sed -E 's/^: //; s/'"'"'[^'"'"']*'"'"'/X/g; s/[0-9]+/N/g; s/(0x)?[0-9a-f]{4,}/H/g' | cut -c1-80 | sed 's/^/stf command: /'
       elif grep -q 'differs' "$log"; then echo "stf: packet differs";
       elif grep -q 'emitted only' "$log"; then echo "stf: missing packet";
       elif grep -q 'unexpected' "$log"; then echo "stf: unexpected packet";
       else echo "stf: other"; fi ;;
    124) echo "timeout" ;;
    *) echo "crash (exit $rc)" ;;
  esac
}
echo "== failure classes (count, class)"
while read -r name a rc; do classify "$name" "$a" "$rc"; done <"$out/results.txt" | sort | uniq -c | sort -rn
echo "logs: $out/logs (results: $out/results.txt)"
