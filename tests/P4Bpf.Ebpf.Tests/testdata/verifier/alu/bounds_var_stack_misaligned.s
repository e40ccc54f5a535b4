# type: xdp
# expect: reject 7 "misaligned stack access"
r1 = *(u32 *)(r1 + 12)
r1 &= 3
r1 += 2
r2 = r10
r2 += -8
r2 += r1
*(u64 *)(r10 - 8) = 0
r0 = *(u16 *)(r2 + 0)
exit
