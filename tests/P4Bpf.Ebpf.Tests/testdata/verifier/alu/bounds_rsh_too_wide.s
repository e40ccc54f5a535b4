# type: xdp
# expect: reject 6 "invalid variable-offset read from stack R2"
r1 = *(u32 *)(r1 + 12)
r1 >>= 28
r2 = r10
r2 += -8
r2 += r1
*(u64 *)(r10 - 8) = 0
r0 = *(u8 *)(r2 + 0)
exit
