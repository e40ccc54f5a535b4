# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 13 "R6 invalid mem access 'map_value_or_null'"
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
r6 = r0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
if r0 == 0 goto out
r1 = *(u64 *)(r6 + 0)
out:
r0 = 2
exit
