# type: xdp
# expect: reject 1 "jump out of range from insn 1 to 7"
r0 = 2
goto +5
exit
