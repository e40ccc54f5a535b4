# type: xdp
# expect: reject 2 "R1 type=scalar expected=ctx"
r1 = 0
r2 = -4
call 65
r0 = 2
exit
