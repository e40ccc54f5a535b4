# type: xdp
# expect: accept
r2 = r10
*(u64 *)(r2 - 8) = 1
r0 = *(u64 *)(r10 - 8)
exit
