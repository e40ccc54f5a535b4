# type: xdp
# expect: reject 1 "invalid size of register fill"
*(u64 *)(r10 - 8) = r1
r0 = *(u32 *)(r10 - 8)
r0 = 2
exit
