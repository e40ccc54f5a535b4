# type: xdp
# expect: accept
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r6 = r1
r1 = r6
r2 = 4
call 44
r2 = *(u32 *)(r6 + 0)
r3 = *(u32 *)(r6 + 4)
r4 = r2
r4 += 14
if r4 > r3 goto drop
r0 = *(u8 *)(r2 + 13)
drop:
r0 = 1
exit
