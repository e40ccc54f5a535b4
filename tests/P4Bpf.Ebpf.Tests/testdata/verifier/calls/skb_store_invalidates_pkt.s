# type: tc
# expect: reject 15 "invalid access to packet, off=0 size=1"
r2 = *(u32 *)(r1 + 76)
r3 = *(u32 *)(r1 + 80)
r6 = r1
r4 = r2
r4 += 8
if r4 > r3 goto out
*(u64 *)(r10 - 8) = 0
r1 = r6
r2 = 0
r3 = r10
r3 += -8
r4 = 8
r5 = 0
call 9
r7 = *(u32 *)(r6 + 76)
r0 = *(u8 *)(r7 + 0)
out:
r0 = 0
exit
