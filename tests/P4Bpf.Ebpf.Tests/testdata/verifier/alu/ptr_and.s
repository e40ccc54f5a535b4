# type: xdp
# expect: reject 0 "R1 bitwise operator &= on pointer prohibited"
r1 &= 2
r0 = 2
exit
