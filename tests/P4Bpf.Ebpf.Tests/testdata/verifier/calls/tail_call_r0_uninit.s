# type: xdp
# map: p prog_array key=4 value=4 entries=4
# expect: reject 4 "R0 !read_ok"
r2 = map_by_idx(0) ll
r3 = 0
call 12
exit
