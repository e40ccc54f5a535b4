# type: xdp
# expect: reject 5 "invalid access to packet, off=0 size=4"
r2 = *(u32 *)(r1 + 8)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 4
if r4 > r3 goto drop
r0 = *(u32 *)(r2 + 0)
drop:
r0 = 2
exit
