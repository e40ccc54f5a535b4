# type: xdp
# expect: accept
r1 = *(u32 *)(r1 + 12)
if r1 != 3 goto out
r2 = r10
r2 += -8
r2 += r1
*(u64 *)(r10 - 8) = 0
r0 = *(u8 *)(r2 + 0)
out:
r0 = 2
exit
