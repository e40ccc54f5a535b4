# type: xdp
# map: p prog_array key=4 value=4 entries=4
# expect: reject 5 "cannot pass map_type 3 into func bpf_map_lookup_elem#1"
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
r0 = 2
exit
