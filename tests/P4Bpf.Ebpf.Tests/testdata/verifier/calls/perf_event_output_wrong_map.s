# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 7 "cannot pass map_type 1 into func bpf_perf_event_output#25"
*(u64 *)(r10 - 8) = 0
r2 = map_by_idx(0) ll
r3 = 0
r4 = r10
r4 += -8
r5 = 8
call 25
r0 = 2
exit
