#!/usr/bin/env bash
# Runs `p4bpf check` over every .p4 file of a directory and prints pass/fail counts, the failures grouped by
# diagnostic id, and the parse-acceptance rate among files whose includes all exist.
# Usage: bench/check-corpus.sh DIR [p4bpf check options, e.g. -I /tmp/p4include]
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:?usage: bench/check-corpus.sh DIR [check options]}"
shift
out=$(mktemp)
mapfile -t files < <(find "$dir" -maxdepth 1 -name '*.p4' | sort)
if (( ${#files[@]} == 0 )); then echo "no .p4 files in $dir"; exit 1; fi
"$root/p4bpf" check "$@" "${files[@]}" >"$out" 2>&1
total=${#files[@]}
ok=$(grep -c ': ok$' "$out")
failed=$((total - ok))
missing=$(grep -E '^[^ ]+\.p4: .*error P4E1101' "$out" | wc -l)
echo "files: $total  ok: $ok  failed: $failed  (missing include: $missing)"
if (( total - missing > 0 )); then
  awk -v ok="$ok" -v n="$((total - missing))" 'BEGIN { printf "acceptance among files whose includes exist: %.1f%%\n", 100.0 * ok / n }'
fi
echo "failures by diagnostic id:"
grep -oE '^[^ ]+\.p4: [^ ]+: (error|warning) P4[EW][0-9]+' "$out" | grep -oE 'P4[EW][0-9]+$' | sort | uniq -c | sort -rn
if [[ -n "${KEEP_LOG:-}" ]]; then cp "$out" "$KEEP_LOG"; echo "log: $KEEP_LOG"; fi
rm -f "$out"
