# type: xdp
# expect: reject 4 "BPF program is too large"
r0 = 0
r1 = 0
loop:
r0 += 2
r1 += 1
if r1 < 400000 goto loop
exit
