# type: xdp
# map: q stack key=0 value=8 entries=16
# expect: accept
r2 = r10
r2 += -8
r1 = map_by_idx(0) ll
call 89
r0 = *(u64 *)(r10 - 8)
r0 = 2
exit
