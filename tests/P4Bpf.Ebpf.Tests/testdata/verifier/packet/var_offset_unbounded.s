# type: xdp
# expect: reject 6 "math between pkt pointer and register with unbounded min value is not allowed"
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 8
if r4 > r3 goto drop
r5 = *(u64 *)(r2 + 0)
r2 += r5
r0 = 1
exit
drop:
r0 = 1
exit
