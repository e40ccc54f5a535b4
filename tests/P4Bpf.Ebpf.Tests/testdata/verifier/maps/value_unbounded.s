# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 8 "math between map_value pointer and register with unbounded min value is not allowed"
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
if r0 == 0 goto out
r1 = *(u64 *)(r0 + 0)
r0 += r1
r1 = *(u8 *)(r0 + 0)
out:
r0 = 2
exit
