# type: xdp
# expect: accept
*(u64 *)(r10 - 8) = 0
r1 = r10
r1 += -8
r2 = 4
r3 = 0
r4 = 0
r5 = 0
call 28
r0 = 2
exit
