# type: xdp
# map: l hash key=4 value=16 entries=4 lock=0
# expect: reject 9 "off 4 doesn't point to 'struct bpf_spin_lock' that is at 0"
# kernel: skip spin locks need map BTF, which this harness does not load
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
if r0 == 0 goto out
r1 = r0
r1 += 4
call 93
out:
r0 = 2
exit
