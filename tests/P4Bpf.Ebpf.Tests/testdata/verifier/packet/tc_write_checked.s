# type: tc
# expect: accept
r2 = *(u32 *)(r1 + 76)
r3 = *(u32 *)(r1 + 80)
r4 = r2
r4 += 14
if r4 > r3 goto drop
*(u8 *)(r2 + 0) = 1
drop:
r0 = 2
exit
