# type: xdp
# expect: accept
r6 = r1
r0 = *(u32 *)(r6 + 12)
r0 = 2
exit
