# type: xdp
# expect: reject 1 "invalid shift 100"
r0 = 1
r0 <<= 100
exit
