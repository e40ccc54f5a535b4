# type: xdp
# expect: accept
*(u64 *)(r10 - 256) = 0
call f
r0 = 2
exit
f:
*(u64 *)(r10 - 256) = 0
r0 = 1
exit
