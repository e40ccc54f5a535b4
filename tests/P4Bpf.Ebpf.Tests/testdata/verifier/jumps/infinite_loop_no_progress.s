# type: xdp
# expect: reject 1 "infinite loop detected at insn 1"
r0 = 0
loop:
r1 = 5
if r0 == 0 goto loop
exit
