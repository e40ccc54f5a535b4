# type: xdp
# expect: reject 2 "invalid access to packet, off=14 size=1, R2(id=0,off=14,r=0)"
r2 = *(u32 *)(r1 + 0)
r2 += 14
r0 = *(u8 *)(r2 + 0)
r0 = 2
exit
