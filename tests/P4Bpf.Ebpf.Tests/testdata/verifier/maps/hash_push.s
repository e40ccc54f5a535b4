# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 6 "cannot pass map_type 1 into func bpf_map_push_elem#87"
*(u64 *)(r10 - 8) = 0
r2 = r10
r2 += -8
r3 = 0
r1 = map_by_idx(0) ll
call 87
r0 = 2
exit
