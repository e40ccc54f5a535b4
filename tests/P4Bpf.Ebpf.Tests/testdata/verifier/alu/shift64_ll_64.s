# type: xdp
# expect: reject 1 "invalid shift 64"
r0 = 1
r0 <<= 64
exit
