# type: xdp
# expect: reject 4 "R2 type=scalar expected=func"
r1 = 10
r2 = 0
r3 = 0
r4 = 0
call 181
r0 = 2
exit
