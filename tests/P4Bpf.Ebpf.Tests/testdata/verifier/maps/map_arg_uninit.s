# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 3 "R1 type=ctx expected=map_ptr"
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
call 1
r0 = 2
exit
