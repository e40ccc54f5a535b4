# type: xdp
# expect: reject 4 "invalid write to stack R2 off=0 size=1"
r1 = 0
loop:
r2 = r10
r2 += -64
r2 += r1
*(u8 *)(r2 + 0) = 0
r1 += 1
if r1 <= 64 goto loop
r0 = 2
exit
