# type: xdp
# expect: reject 0 "invalid write to stack R10 off=0 size=8"
*(u64 *)(r10 + 0) = 1
r0 = 2
exit
