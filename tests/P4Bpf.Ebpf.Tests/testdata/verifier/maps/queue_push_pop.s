# type: xdp
# map: q queue key=0 value=8 entries=16
# expect: accept
*(u64 *)(r10 - 8) = 0
r2 = r10
r2 += -8
r3 = 0
r1 = map_by_idx(0) ll
call 87
r2 = r10
r2 += -16
r1 = map_by_idx(0) ll
call 88
r0 = 2
exit
