# type: xdp
# expect: accept
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 6
if r4 > r3 goto drop
*(u16 *)(r2 + 4) = 0
r5 = 7
*(u32 *)(r2 + 0) = r5
drop:
r0 = 1
exit
