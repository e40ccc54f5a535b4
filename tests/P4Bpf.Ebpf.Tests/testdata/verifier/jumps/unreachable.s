# type: xdp
# expect: reject 2 "unreachable insn 2"
r0 = 2
exit
r0 = 1
exit
