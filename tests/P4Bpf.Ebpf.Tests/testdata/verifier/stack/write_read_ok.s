# type: xdp
# expect: accept
*(u64 *)(r10 - 8) = 7
r0 = *(u64 *)(r10 - 8)
exit
