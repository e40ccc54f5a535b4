# type: xdp
# expect: reject 2 "dereference of modified ctx ptr R1 off=8 disallowed"
r1 += 8
r2 = -4
call 54
r0 = 2
exit
