# type: xdp
# expect: accept
*(u64 *)(r10 - 16) = 5
r0 = *(u64 *)(r10 - 16)
exit
