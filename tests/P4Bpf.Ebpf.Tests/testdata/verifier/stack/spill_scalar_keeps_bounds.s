# type: xdp
# expect: accept
r1 = *(u32 *)(r1 + 12)
r1 &= 7
*(u64 *)(r10 - 16) = r1
r3 = *(u64 *)(r10 - 16)
r2 = r10
r2 += -8
r2 += r3
*(u8 *)(r2 - 8) = 1
r0 = 2
exit
