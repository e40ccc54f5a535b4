# type: xdp
# expect: accept
r1 = -1
w1 += 0
r1 >>= 32
r2 = r10
r2 += -8
r2 += r1
*(u64 *)(r10 - 8) = 0
r0 = *(u8 *)(r2 + 0)
exit
