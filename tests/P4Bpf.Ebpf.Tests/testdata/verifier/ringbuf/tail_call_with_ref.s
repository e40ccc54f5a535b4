# type: xdp
# map: rb ringbuf key=0 value=0 entries=4096
# map: p prog_array key=4 value=4 entries=4
# expect: reject 11 "R1 type=scalar expected=ctx"
r1 = map_by_idx(0) ll
r2 = 16
r3 = 0
call 131
if r0 == 0 goto out
r6 = r0
r1 = 0
r2 = map_by_idx(1) ll
r3 = 0
call 12
r1 = r6
r2 = 0
call 133
out:
r0 = 2
exit
