# type: xdp
# expect: reject 4 "R1 type=fp expected=ringbuf_mem"
*(u64 *)(r10 - 8) = 0
r1 = r10
r1 += -8
r2 = 0
call 132
r0 = 2
exit
