# type: xdp
# expect: accept
r0 = 1
r0 <<= 63
r0 >>= 63
exit
