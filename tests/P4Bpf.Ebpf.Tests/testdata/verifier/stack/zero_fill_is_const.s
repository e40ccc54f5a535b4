# type: xdp
# expect: accept
*(u64 *)(r10 - 8) = 0
r1 = *(u64 *)(r10 - 8)
r2 = r10
r2 += r1
*(u8 *)(r2 - 1) = 1
r0 = 2
exit
