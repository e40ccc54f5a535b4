# type: xdp
# expect: reject 1 "R1 invalid mem access 'scalar'"
r1 = 0
r0 = *(u32 *)(r1 + 0)
exit
