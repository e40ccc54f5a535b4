# type: xdp
# expect: reject 11 "R2 min value is negative"
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 8
if r4 > r3 goto drop
r5 = *(u8 *)(r2 + 0)
r5 -= 100
r2 += r5
r4 = r2
r4 += 4
if r4 > r3 goto drop
r0 = *(u32 *)(r2 + 0)
drop:
r0 = 1
exit
