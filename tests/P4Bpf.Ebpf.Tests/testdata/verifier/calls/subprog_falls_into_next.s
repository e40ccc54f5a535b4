# type: xdp
# expect: reject 3 "last insn is not an exit or jmp"
call f
exit
f:
r0 = 1
call g
g:
r0 = 2
exit
