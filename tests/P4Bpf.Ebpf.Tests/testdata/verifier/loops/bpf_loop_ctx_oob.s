# type: xdp
# expect: reject 10 "invalid read from stack R2 off=0 size=8"
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
r0 = *(u64 *)(r2 + 8)
r0 = 0
exit
