# type: xdp
# expect: reject 1 "invalid access to packet, off=0 size=4"
r2 = *(u32 *)(r1 + 8)
r0 = *(u32 *)(r2 + 0)
r0 = 2
exit
