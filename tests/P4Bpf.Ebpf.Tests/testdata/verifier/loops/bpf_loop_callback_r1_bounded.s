# type: xdp
# expect: accept
# kernel: skip callbacks need BTF func_info, which this harness does not load
*(u64 *)(r10 - 8) = 0
r1 = 10
r2 = code_addr(7) ll
r3 = r10
r3 += -8
r4 = 0
call 181
r0 = 2
exit
r1 &= 7
r3 = r2
r3 += r1
r0 = *(u8 *)(r3 + 0)
r0 = 0
exit
