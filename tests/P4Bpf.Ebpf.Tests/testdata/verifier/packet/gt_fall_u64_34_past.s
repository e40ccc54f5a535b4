# type: xdp
# expect: reject 5 "invalid access to packet, off=27 size=8, R2(id=0,off=0,r=34)"
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 34
if r4 > r3 goto drop
r0 = *(u64 *)(r2 + 27)
r0 = 2
exit
drop:
r0 = 1
exit
