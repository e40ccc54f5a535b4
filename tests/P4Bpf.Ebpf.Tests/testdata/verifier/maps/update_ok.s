# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: accept
*(u32 *)(r10 - 4) = 0
*(u64 *)(r10 - 24) = 0
*(u64 *)(r10 - 16) = 0
r2 = r10
r2 += -4
r3 = r10
r3 += -24
r4 = 0
r1 = map_by_idx(0) ll
call 2
r0 = 2
exit
