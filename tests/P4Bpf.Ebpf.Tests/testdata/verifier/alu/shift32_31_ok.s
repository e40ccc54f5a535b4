# type: xdp
# expect: accept
w0 = 1
w0 <<= 31
exit
