# type: xdp
# map: rb ringbuf key=0 value=0 entries=4096
# expect: reject 5 "cannot pass map_type 27 into func bpf_map_lookup_elem#1"
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
r0 = 2
exit
