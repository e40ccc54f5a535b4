# type: xdp
# expect: accept
r0 = 2
if r0 == 2 goto ok
r0 = *(u64 *)(r10 + 8)
ok:
exit
