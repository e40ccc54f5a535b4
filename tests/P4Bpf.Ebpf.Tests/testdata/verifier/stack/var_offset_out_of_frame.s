# type: xdp
# expect: reject 5 "invalid variable-offset write to stack R2"
r1 = *(u32 *)(r1 + 12)
r1 &= 31
r2 = r10
r2 += -16
r2 += r1
*(u8 *)(r2 + 0) = 1
r0 = 2
exit
