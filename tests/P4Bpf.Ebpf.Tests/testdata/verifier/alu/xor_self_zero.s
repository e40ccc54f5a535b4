# type: xdp
# expect: accept
r1 = *(u32 *)(r1 + 12)
r1 ^= r1
r0 = 2
exit
