# type: xdp
# expect: reject 5 "invalid access to packet, off=13 size=2, R2(id=0,off=0,r=14)"
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 14
if r3 < r4 goto drop
r0 = *(u16 *)(r2 + 13)
r0 = 2
exit
drop:
r0 = 1
exit
