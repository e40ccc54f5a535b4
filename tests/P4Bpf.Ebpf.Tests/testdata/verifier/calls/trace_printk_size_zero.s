# type: xdp
# expect: reject 4 "R2 invalid zero-sized read"
*(u64 *)(r10 - 8) = 0
r1 = r10
r1 += -8
r2 = 0
call 6
r0 = 2
exit
