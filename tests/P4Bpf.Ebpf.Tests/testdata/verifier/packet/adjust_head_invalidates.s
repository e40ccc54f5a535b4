# type: xdp
# expect: reject 9 "R7 invalid mem access 'scalar'"
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r6 = r1
r7 = r2
r7 += 14
if r7 > r3 goto drop
r1 = r6
r2 = 4
call 44
r0 = *(u8 *)(r7 - 1)
drop:
r0 = 1
exit
