# type: xdp
# expect: accept
*(u8 *)(r10 - 16) = 5
r0 = *(u8 *)(r10 - 16)
exit
