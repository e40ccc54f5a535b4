# type: xdp
# expect: accept
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
r4 = r2
r4 += 4
if r4 > r3 goto out
r1 = r2
call f
exit
out:
r0 = 1
exit
f:
r0 = *(u32 *)(r1 + 0)
r0 = 2
exit
