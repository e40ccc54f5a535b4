# type: xdp
# expect: reject 5 "invalid access to packet"
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 14
if w4 > w3 goto drop
r0 = *(u8 *)(r2 + 0)
drop:
r0 = 1
exit
