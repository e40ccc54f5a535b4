# type: xdp
# profile: smartnic
# map: m hash key=4 value=16 entries=64
# expect: accept
# kernel: skip offload profile; the kernel has no such limits without a device
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
if r0 == 0 goto out
r1 = *(u64 *)(r0 + 0)
out:
r0 = 2
exit
