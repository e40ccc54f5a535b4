# type: xdp
# expect: accept
r0 = r10
r0 -= r1
r0 = 2
exit
