# type: xdp
# map: a array key=4 value=64 entries=8
# expect: reject 11 "invalid access to map value, value_size=64 off=64 size=1"
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
if r0 == 0 goto out
r1 = 0
r2 = 0
loop:
r3 = r0
r3 += r1
r4 = *(u8 *)(r3 + 0)
r2 += r4
r1 += 1
if r1 <= 64 goto loop
out:
r0 = 2
exit
