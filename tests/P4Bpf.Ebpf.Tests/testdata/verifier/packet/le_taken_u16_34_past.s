# type: xdp
# expect: reject 7 "invalid access to packet, off=33 size=2, R2(id=0,off=0,r=34)"
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 34
if r4 <= r3 goto ok
r0 = 1
exit
ok:
r0 = *(u16 *)(r2 + 33)
r0 = 2
exit
