# type: xdp
# map: rb ringbuf key=0 value=0 entries=4096
# expect: accept
r1 = map_by_idx(0) ll
r2 = 0
call 134
r0 = 2
exit
