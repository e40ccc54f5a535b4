# type: xdp
# expect: accept
r1 = *(u32 *)(r1 + 12)
r1 = be16 r1
if r1 > 65535 goto bad
r0 = 2
exit
bad:
r0 = *(u64 *)(r10 - 8)
exit
