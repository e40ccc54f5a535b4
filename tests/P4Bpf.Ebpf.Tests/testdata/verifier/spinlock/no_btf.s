# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 8 "map 'm' has to have BTF in order to use bpf_spin_lock"
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
if r0 == 0 goto out
r1 = r0
call 93
out:
r0 = 2
exit
