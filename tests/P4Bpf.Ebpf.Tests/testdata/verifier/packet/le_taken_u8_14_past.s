# type: xdp
# expect: reject 7 "invalid access to packet, off=14 size=1, R2(id=0,off=0,r=14)"
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 14
if r4 <= r3 goto ok
r0 = 1
exit
ok:
r0 = *(u8 *)(r2 + 14)
r0 = 2
exit
