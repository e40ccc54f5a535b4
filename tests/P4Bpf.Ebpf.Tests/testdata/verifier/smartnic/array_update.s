# type: xdp
# profile: smartnic
# map: a array key=4 value=64 entries=8
# expect: accept
# kernel: skip offload profile; the kernel has no such limits without a device
*(u32 *)(r10 - 4) = 0
*(u64 *)(r10 - 16) = 0
*(u64 *)(r10 - 24) = 0
*(u64 *)(r10 - 32) = 0
*(u64 *)(r10 - 40) = 0
*(u64 *)(r10 - 48) = 0
*(u64 *)(r10 - 56) = 0
*(u64 *)(r10 - 64) = 0
*(u64 *)(r10 - 72) = 0
r2 = r10
r2 += -4
r3 = r10
r3 += -72
r4 = 0
r1 = map_by_idx(0) ll
call 2
r0 = 2
exit
