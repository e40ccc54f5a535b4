# type: tc
# expect: reject 2 "invalid access to packet, off=12 size=2"
r2 = *(u32 *)(r1 + 76)
r3 = *(u32 *)(r1 + 80)
r0 = *(u16 *)(r2 + 12)
r0 = 0
exit
