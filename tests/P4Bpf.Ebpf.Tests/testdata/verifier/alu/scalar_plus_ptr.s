# type: xdp
# expect: accept
r0 = 8
r0 += r10
*(u64 *)(r0 - 16) = 1
r0 = 2
exit
