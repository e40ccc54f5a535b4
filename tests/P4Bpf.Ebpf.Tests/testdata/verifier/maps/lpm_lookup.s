# type: xdp
# map: l lpm_trie key=8 value=4 entries=16
# expect: accept
*(u32 *)(r10 - 8) = 32
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -8
r1 = map_by_idx(0) ll
call 1
if r0 == 0 goto out
r0 = *(u32 *)(r0 + 0)
out:
r0 = 2
exit
