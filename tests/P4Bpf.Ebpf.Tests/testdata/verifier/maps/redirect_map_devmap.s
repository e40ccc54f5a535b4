# type: xdp
# map: d devmap key=4 value=4 entries=4
# expect: accept
r1 = map_by_idx(0) ll
r2 = 0
r3 = 0
call 51
exit
