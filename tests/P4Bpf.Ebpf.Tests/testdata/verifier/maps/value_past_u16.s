# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 7 "invalid access to map value, value_size=16 off=15 size=2"
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
if r0 == 0 goto out
r1 = *(u16 *)(r0 + 15)
out:
r0 = 2
exit
