# type: xdp
# expect: reject 4 "BPF program is too large. Processed 1000001 insn"
r1 = *(u32 *)(r1 + 12)
r0 = 0
loop:
r0 += 1
r1 -= 1
if r1 != 0 goto loop
exit
