# type: xdp
# map: p prog_array key=4 value=4 entries=4
# expect: accept
r2 = map_by_idx(0) ll
r3 = 0
call 12
r0 = 2
exit
