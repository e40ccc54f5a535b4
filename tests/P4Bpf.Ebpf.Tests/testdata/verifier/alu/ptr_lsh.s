# type: xdp
# expect: reject 0 "R1 pointer arithmetic with <<= operator prohibited"
r1 <<= 2
r0 = 2
exit
