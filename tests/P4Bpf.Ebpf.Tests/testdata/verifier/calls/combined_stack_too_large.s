# type: xdp
# expect: reject 4 "combined stack size of calls is 576. Too large"
*(u64 *)(r10 - 320) = 0
call f
r0 = 2
exit
f:
*(u64 *)(r10 - 256) = 0
r0 = 1
exit
