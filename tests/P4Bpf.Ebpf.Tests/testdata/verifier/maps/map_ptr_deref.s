# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 2 "R1 invalid mem access 'map_ptr'"
# kernel: differs the kernel reads map fields through BTF of struct bpf_map
r1 = map_by_idx(0) ll
r0 = *(u64 *)(r1 + 0)
r0 = 2
exit
