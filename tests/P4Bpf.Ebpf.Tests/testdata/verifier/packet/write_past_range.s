# type: xdp
# expect: reject 5 "invalid access to packet, off=4 size=4"
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 6
if r4 > r3 goto drop
*(u32 *)(r2 + 4) = 0
drop:
r0 = 1
exit
