# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 3 "cannot pass map_type 1 into func bpf_tail_call#12"
r2 = map_by_idx(0) ll
r3 = 0
call 12
r0 = 2
exit
