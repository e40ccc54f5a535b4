# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 4 "cannot pass map_type 1 into func bpf_redirect_map#51"
r1 = map_by_idx(0) ll
r2 = 0
r3 = 0
call 51
exit
