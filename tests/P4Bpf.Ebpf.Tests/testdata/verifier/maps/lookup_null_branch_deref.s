# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 7 "R0 invalid mem access 'scalar'"
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
if r0 != 0 goto use
r1 = *(u64 *)(r0 + 0)
use:
r0 = 2
exit
