# type: xdp
# expect: reject 0 "R1 pointer arithmetic prohibited"
r1 = -r1
r0 = 2
exit
