# type: xdp
# map: rb ringbuf key=0 value=0 entries=4096
# expect: accept
*(u64 *)(r10 - 8) = 0
r1 = map_by_idx(0) ll
r2 = r10
r2 += -8
r3 = 8
r4 = 0
call 130
r0 = 2
exit
