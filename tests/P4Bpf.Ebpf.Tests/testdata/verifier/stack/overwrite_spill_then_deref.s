# type: xdp
# expect: reject 3 "R1 invalid mem access 'scalar'"
*(u64 *)(r10 - 8) = r1
*(u32 *)(r10 - 8) = 0
r1 = *(u64 *)(r10 - 8)
r0 = *(u32 *)(r1 + 0)
r0 = 2
exit
