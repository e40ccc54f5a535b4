# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 7 "invalid access to packet, off=0 size=4"
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 3
if r4 > r3 goto out
r1 = map_by_idx(0) ll
call 1
out:
r0 = 2
exit
