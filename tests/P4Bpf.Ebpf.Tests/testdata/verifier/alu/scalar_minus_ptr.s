# type: xdp
# expect: reject 1 "R0 tried to subtract pointer from scalar"
r0 = 5
r0 -= r1
exit
