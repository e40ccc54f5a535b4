# type: xdp
# map: events perf_event_array key=4 value=4 entries=2
# expect: accept
*(u64 *)(r10 - 8) = 0
r2 = map_by_idx(0) ll
r3 = 0xffffffff ll
r4 = r10
r4 += -8
r5 = 8
call 25
r0 = 2
exit
