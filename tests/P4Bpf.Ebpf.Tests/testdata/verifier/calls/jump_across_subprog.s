# type: xdp
# expect: reject 1 "jump out of range from insn 1 to 4"
call f
if r0 == 0 goto +2
exit
f:
r0 = 1
exit
