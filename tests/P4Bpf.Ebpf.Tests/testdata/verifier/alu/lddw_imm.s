# type: xdp
# expect: accept
r0 = 0x123456789 ll
r0 >>= 32
exit
