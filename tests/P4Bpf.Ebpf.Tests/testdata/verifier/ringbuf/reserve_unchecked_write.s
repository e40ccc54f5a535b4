# type: xdp
# map: rb ringbuf key=0 value=0 entries=4096
# expect: reject 5 "R0 invalid mem access 'ringbuf_mem_or_null'"
r1 = map_by_idx(0) ll
r2 = 16
r3 = 0
call 131
*(u64 *)(r0 + 0) = 1
r0 = 2
exit
