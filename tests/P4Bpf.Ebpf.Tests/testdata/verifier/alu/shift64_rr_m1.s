# type: xdp
# expect: reject 1 "invalid shift -1"
r0 = 1
r0 >>= -1
exit
