# type: xdp
# expect: reject 0 "misaligned stack access"
*(u32 *)(r10 - 6) = 1
r0 = 2
exit
