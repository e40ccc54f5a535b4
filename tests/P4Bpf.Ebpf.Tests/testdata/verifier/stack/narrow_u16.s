# type: xdp
# expect: accept
*(u16 *)(r10 - 16) = 5
r0 = *(u16 *)(r10 - 16)
exit
