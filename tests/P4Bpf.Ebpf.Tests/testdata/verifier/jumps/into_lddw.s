# type: xdp
# expect: reject 1 "jump into the middle of ldimm64 insn 2"
r0 = 2
if r0 == 1 goto +1
r1 = 0x100000000 ll
exit
