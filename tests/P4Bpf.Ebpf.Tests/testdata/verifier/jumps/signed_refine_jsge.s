# type: xdp
# expect: accept
r1 = *(u32 *)(r1 + 12)
r1 = (s8)r1
if r1 s>= 8 goto out
if r1 s< 0 goto out
r2 = r10
r2 += -8
r2 += r1
*(u64 *)(r10 - 8) = 0
r0 = *(u8 *)(r2 + 0)
out:
r0 = 2
exit
