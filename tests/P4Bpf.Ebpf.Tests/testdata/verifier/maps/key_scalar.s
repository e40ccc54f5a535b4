# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 3 "R2 type=scalar expected="
r2 = 0
r1 = map_by_idx(0) ll
call 1
r0 = 2
exit
