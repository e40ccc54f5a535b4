# type: xdp
# profile: smartnic
# map: p array key=4 value=4 entries=4
# expect: reject 3 "helper bpf_tail_call#12 does not offload"
# kernel: skip offload profile; the kernel has no such limits without a device
r2 = map_by_idx(0) ll
r3 = 0
call 12
r0 = 2
exit
