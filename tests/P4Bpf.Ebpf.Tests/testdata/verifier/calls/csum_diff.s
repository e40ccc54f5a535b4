# type: xdp
# expect: accept
*(u64 *)(r10 - 8) = 0
r1 = 0
r2 = 0
r3 = r10
r3 += -8
r4 = 8
r5 = 0
call 28
r0 = 2
exit
