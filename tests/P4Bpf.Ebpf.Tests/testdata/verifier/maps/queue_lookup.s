# type: xdp
# map: q queue key=0 value=8 entries=16
# expect: reject 5 "cannot pass map_type 22 into func bpf_map_lookup_elem#1"
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
r0 = 2
exit
