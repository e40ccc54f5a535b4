# type: xdp
# expect: accept
*(u32 *)(r10 - 16) = 5
r0 = *(u32 *)(r10 - 16)
exit
