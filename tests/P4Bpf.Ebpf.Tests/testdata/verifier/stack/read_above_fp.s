# type: xdp
# expect: reject 1 "misaligned stack access"
*(u64 *)(r10 - 8) = 1
r0 = *(u64 *)(r10 - 4)
exit
