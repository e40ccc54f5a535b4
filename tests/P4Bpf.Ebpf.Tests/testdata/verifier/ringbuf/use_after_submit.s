# type: xdp
# map: rb ringbuf key=0 value=0 entries=4096
# expect: reject 10 "R6 invalid mem access 'scalar'"
r1 = map_by_idx(0) ll
r2 = 16
r3 = 0
call 131
if r0 == 0 goto out
r6 = r0
r1 = r0
r2 = 0
call 132
*(u64 *)(r6 + 0) = 1
out:
r0 = 2
exit
