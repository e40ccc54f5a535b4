# type: xdp
# expect: reject 2 "unreachable insn 2"
r0 = 2
gotol +1
r0 = 3
exit
