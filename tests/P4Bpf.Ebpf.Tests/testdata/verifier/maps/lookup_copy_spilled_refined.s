# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: accept
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
*(u64 *)(r10 - 16) = r0
if r0 == 0 goto out
r6 = *(u64 *)(r10 - 16)
r1 = *(u64 *)(r6 + 8)
out:
r0 = 2
exit
