# type: xdp
# map: p prog_array key=4 value=4 entries=4
# expect: reject 4 "dereference of modified ctx ptr R1 off=4 disallowed"
r1 += 4
r2 = map_by_idx(0) ll
r3 = 0
call 12
r0 = 2
exit
