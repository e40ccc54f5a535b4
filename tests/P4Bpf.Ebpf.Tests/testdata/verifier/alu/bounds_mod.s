# type: xdp
# expect: reject 4 "math between fp pointer and register with unbounded min value is not allowed"
r1 = *(u32 *)(r1 + 12)
r1 %= 8
r2 = r10
r2 += -8
r2 += r1
*(u64 *)(r10 - 8) = 0
r0 = *(u8 *)(r2 + 0)
exit
