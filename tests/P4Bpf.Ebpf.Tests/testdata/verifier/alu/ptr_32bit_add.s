# type: xdp
# expect: reject 0 "R1 32-bit pointer arithmetic prohibited"
w1 += 4
r0 = 2
exit
