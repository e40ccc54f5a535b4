# type: xdp
# map: rb ringbuf key=0 value=0 entries=4096
# expect: reject 12 "Unreleased reference"
r6 = *(u32 *)(r1 + 12)
r1 = map_by_idx(0) ll
r2 = 16
r3 = 0
call 131
if r0 == 0 goto out
if r6 == 1 goto out
r1 = r0
r2 = 0
call 132
out:
r0 = 2
exit
