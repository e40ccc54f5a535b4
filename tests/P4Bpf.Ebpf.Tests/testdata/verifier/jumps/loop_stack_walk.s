# type: xdp
# expect: accept
r1 = 0
loop:
r2 = r10
r2 += -64
r2 += r1
*(u8 *)(r2 + 0) = 0
r1 += 1
if r1 < 64 goto loop
r0 = *(u64 *)(r10 - 64)
exit
