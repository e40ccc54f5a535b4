# type: xdp
# map: rb ringbuf key=0 value=0 entries=4096
# expect: reject 4 "R2 is not a known constant"
r2 = *(u32 *)(r1 + 12)
r1 = map_by_idx(0) ll
r3 = 0
call 131
r0 = 2
exit
