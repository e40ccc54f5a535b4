# type: xdp
# expect: reject 1 "jump out of range from insn 1 to -3"
r0 = 2
if r0 == 1 goto -5
exit
