# type: xdp
# expect: accept
r1 = 5
r1 *= 3
if r1 == 15 goto ok
r0 = *(u64 *)(r10 - 8)
ok:
r0 = 2
exit
