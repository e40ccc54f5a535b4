# type: xdp
# expect: reject 5 "R2 invalid zero-sized read"
r6 = *(u32 *)(r1 + 12)
*(u64 *)(r10 - 8) = 0
r1 = r10
r1 += -8
r2 = r6
call 6
r0 = 2
exit
