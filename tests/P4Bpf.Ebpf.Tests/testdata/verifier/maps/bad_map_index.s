# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 0 "fd 3 is not pointing to valid bpf_map"
r1 = map_by_idx(3) ll
r0 = 2
exit
