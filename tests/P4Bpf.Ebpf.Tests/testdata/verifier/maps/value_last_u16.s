# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: accept
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
if r0 == 0 goto out
r1 = *(u16 *)(r0 + 14)
out:
r0 = 2
exit
