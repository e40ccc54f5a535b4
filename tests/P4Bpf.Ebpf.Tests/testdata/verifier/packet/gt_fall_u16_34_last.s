# type: xdp
# expect: accept
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 34
if r4 > r3 goto drop
r0 = *(u16 *)(r2 + 32)
r0 = 2
exit
drop:
r0 = 1
exit
