# type: xdp
# expect: reject 1 "invalid shift 32"
w0 = 1
w0 <<= 32
exit
