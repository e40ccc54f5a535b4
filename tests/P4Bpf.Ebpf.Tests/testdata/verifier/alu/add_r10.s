# type: xdp
# expect: reject 0 "frame pointer is read only"
r10 += 8
r0 = 2
exit
