# type: xdp
# expect: reject 8 "invalid access to packet, off=0 size=1, R2(id=1,off=0,r=0)"
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 20
if r4 > r3 goto drop
r5 = *(u8 *)(r2 + 0)
r5 &= 15
r2 += r5
r0 = *(u8 *)(r2 + 0)
drop:
r0 = 1
exit
