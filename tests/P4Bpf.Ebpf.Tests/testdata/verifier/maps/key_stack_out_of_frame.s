# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 5 "invalid indirect access to stack R2 off=-2 size=4"
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -2
r1 = map_by_idx(0) ll
call 1
r0 = 2
exit
