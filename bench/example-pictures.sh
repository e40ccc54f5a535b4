#!/usr/bin/env bash
# Regenerates the pictures of every example: for each program examples/NAME/*.p4 with a main package, runs
# `p4bpf graph PROG.p4 -o examples/NAME/pictures --format svg` (pipeline overview, parser state machines, control
# flow charts and the eBPF programs/maps, as DOT and SVG). The test ExamplePictureTests checks that the committed
# DOT files still match what the graph command draws, so run this after changing an example program.
# Usage: bench/example-pictures.sh [NAME...]   (default: every example); needs Graphviz's `dot`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if (( $# > 0 )); then names=("$@"); else mapfile -t names < <(cd "$root/examples" && ls -d */ | tr -d / | grep -v '^tools$'); fi
# The README subsection: the overview, each parser and each control that applies a table as images; the rest as links.
readme_block() {
  local name=$1 dir="$root/examples/$1" svg stem others=()
  echo "<!-- pictures:begin -->"
  echo "### Pipeline"
  echo
  # In the order the graph command drew them (per program: overview, then parsers and controls in declaration order).
  for stem in $(grep -E '\.(pipeline|parser\.[^.]+|control\.[^.]+)\.svg$' "$dir/pictures/.order" | xargs -n1 basename | sed 's/\.svg$//'); do
    if [[ $stem == *.control.* ]] && ! grep -q '^  "table_' "$dir/pictures/$stem.dot"; then others+=("$stem"); continue; fi
    echo "![$stem](pictures/$stem.svg)"
    echo
  done
  for stem in $(grep -E '\.ebpf\.svg$' "$dir/pictures/.order" | xargs -n1 basename | sed 's/\.svg$//'); do others+=("$stem"); done
  if (( ${#others[@]} > 0 )); then
    printf 'More: '
    local first=1
    for stem in "${others[@]}"; do
      (( first )) || printf ', '
      printf '[%s](pictures/%s.svg)' "$stem" "$stem"
      first=0
    done
    echo "."
    echo
  fi
  local commands=() prog
  for prog in "${programs[@]}"; do commands+=("\`./p4bpf graph examples/$name/$prog -o examples/$name/pictures --format svg\`"); done
  local joined
  joined=$(printf '%s and ' "${commands[@]}")
  echo "Regenerate the pictures with ${joined% and } (\`bench/example-pictures.sh $name\` does that and rewrites this section)."
  echo "<!-- pictures:end -->"
}

for name in "${names[@]}"; do
  dir="$root/examples/$name"
  [[ -d $dir ]] || { echo "no example $name" >&2; exit 1; }
  rm -rf "$dir/pictures"
  mkdir -p "$dir/pictures"
  programs=()
  for p4 in "$dir"/*.p4; do
    grep -qE '^[^/]*\)[[:space:]]+main[[:space:]]*;' "$p4" || continue   # included files (no main package) are drawn with their includers
    programs+=("$(basename "$p4")")
    (cd "$root" && ./p4bpf graph "examples/$name/$(basename "$p4")" -o "examples/$name/pictures" --format svg >>"$dir/pictures/.order")
  done
  readme_block "$name" >"$dir/pictures/.block.md"
  python3 - "$dir/README.md" "$dir/pictures/.block.md" <<'PY'
import sys
readme, block = sys.argv[1], open(sys.argv[2]).read()
text = open(readme).read()
begin, end = "<!-- pictures:begin -->", "<!-- pictures:end -->"
if begin in text and end in text:
    text = text[:text.index(begin)] + block + text[text.index(end) + len(end) + 1:]
else:
    text = text.rstrip("\n") + "\n\n" + block
open(readme, "w").write(text)
PY
  rm "$dir/pictures/.block.md" "$dir/pictures/.order"
  echo "$name: $(ls "$dir/pictures" | grep -c '\.svg$') pictures"
done
