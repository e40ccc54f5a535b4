# type: xdp
# map: rb ringbuf key=0 value=0 entries=4096
# expect: reject 6 "invalid access to memory, mem_size=16 off=12 size=8"
r1 = map_by_idx(0) ll
r2 = 16
r3 = 0
call 131
if r0 == 0 goto out
*(u64 *)(r0 + 12) = 1
r1 = r0
r2 = 0
call 132
out:
r0 = 2
exit
