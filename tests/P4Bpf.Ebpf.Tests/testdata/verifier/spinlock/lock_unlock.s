# type: xdp
# map: l hash key=4 value=16 entries=4 lock=0
# expect: accept
# kernel: skip spin locks need map BTF, which this harness does not load
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
if r0 == 0 goto out
r6 = r0
r1 = r0
call 93
*(u64 *)(r6 + 8) = 1
r1 = r6
call 94
out:
r0 = 2
exit
