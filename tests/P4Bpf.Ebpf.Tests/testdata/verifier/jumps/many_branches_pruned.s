# type: xdp
# expect: accept
r6 = *(u32 *)(r1 + 12)
r0 = 0
if r6 & 1 goto +1
r0 += 1
if r6 & 2 goto +1
r0 += 1
if r6 & 4 goto +1
r0 += 1
if r6 & 8 goto +1
r0 += 1
if r6 & 16 goto +1
r0 += 1
if r6 & 32 goto +1
r0 += 1
if r6 & 64 goto +1
r0 += 1
if r6 & 128 goto +1
r0 += 1
if r6 & 256 goto +1
r0 += 1
if r6 & 512 goto +1
r0 += 1
r0 = 2
exit
