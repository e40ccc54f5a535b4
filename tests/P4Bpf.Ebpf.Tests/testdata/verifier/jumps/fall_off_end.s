# type: xdp
# expect: reject 0 "last insn is not an exit or jmp"
r0 = 2
