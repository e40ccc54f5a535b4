# type: xdp
# expect: reject 3 "last insn is not an exit or jmp"
r0 = 2
if r0 == 1 goto +1
exit
r0 = 1
