#!/usr/bin/env bash
# Side by side: every program of the differential C corpus run in the Linux kernel (our bpf() loader + BPF_PROG_TEST_RUN,
# CPU 0) and in the in-process engine on the same packet, with the mean ns/run of each and whether retval and packet match.
# Usage: bench/kernel-vs-engine.sh [ENGINE=interp|jit] [REPEAT=100000]   (root; clang)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engine="${1:-interp}"
repeat="${2:-100000}"
src="$root/tests/P4Bpf.Ebpf.Tests/testdata/differential"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Ethernet + IPv4 + UDP 4660 -> 7 with an 8-byte payload.
packet=02000000000102000000000308004500002c424200004011e6490a0102030a010005123400070018a51a0d1a2734414e5b68
printf '%-16s %-14s %14s %14s %8s\n' object program kernel-ns/run engine-ns/run match
for c in "$src"/*.c; do
  name=$(basename "$c" .c)
  clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c "$c" -o "$out/$name.o" || { echo "$name: clang failed"; continue; }
  for prog in $(llvm-objdump -t "$out/$name.o" | awk '$2 == "g" && $3 == "F" && $4 != ".text" { print $NF }' | sort -u); do
    result=$("$root/p4bpf" kernel-run "$out/$name.o" --section "$prog" --packet "$packet" --repeat "$repeat" --cpu 0 --compare "$engine" 2>&1)
    if ! grep -q '^ns/run:' <<<"$result"; then
      printf '%-16s %-14s %s\n' "$name" "$prog" "$(tr '\n' ' ' <<<"$result" | cut -c1-120)"
      continue
    fi
    printf '%-16s %-14s %14s %14s %8s\n' "$name" "$prog" \
      "$(awk '/^ns\/run:/ { print $2 }' <<<"$result")" "$(awk '/^engine-ns\/run:/ { print $2 }' <<<"$result")" \
      "$(awk '/^match:/ { print $2 }' <<<"$result")"
  done
done
