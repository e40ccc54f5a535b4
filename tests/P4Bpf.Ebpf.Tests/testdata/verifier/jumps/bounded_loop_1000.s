# type: xdp
# expect: accept
r0 = 0
r1 = 0
loop:
r0 += 2
r1 += 1
if r1 < 1000 goto loop
exit
