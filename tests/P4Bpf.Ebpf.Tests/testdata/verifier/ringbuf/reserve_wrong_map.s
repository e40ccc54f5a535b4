# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 4 "cannot pass map_type 1 into func bpf_ringbuf_reserve#131"
r1 = map_by_idx(0) ll
r2 = 16
r3 = 0
call 131
r0 = 2
exit
