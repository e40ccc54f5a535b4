# type: tc
# expect: reject 7 "R4 min value is negative"
r6 = r1
r4 = *(u32 *)(r1 + 0)
r4 = (s8)r4
r1 = r6
r2 = 0
r3 = r10
r3 += -16
call 26
r0 = 0
exit
