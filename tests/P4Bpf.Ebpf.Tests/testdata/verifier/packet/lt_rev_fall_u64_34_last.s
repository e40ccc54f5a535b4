# type: xdp
# expect: accept
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 34
if r3 < r4 goto drop
r0 = *(u64 *)(r2 + 26)
r0 = 2
exit
drop:
r0 = 1
exit
