# type: xdp
# expect: accept
*(u64 *)(r10 - 512) = 1
r0 = *(u64 *)(r10 - 512)
exit
