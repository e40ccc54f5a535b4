# type: xdp
# map: rb ringbuf key=0 value=0 entries=4096
# expect: reject 8 "Unreleased reference id="
r1 = map_by_idx(0) ll
r2 = 16
r3 = 0
call 131
if r0 == 0 goto out
*(u64 *)(r0 + 8) = 1
out:
r0 = 2
exit
