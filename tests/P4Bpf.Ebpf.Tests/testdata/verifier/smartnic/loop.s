# type: xdp
# profile: smartnic
# expect: reject 3 "loops do not offload: back-edge from insn 3 to 2"
# kernel: skip offload profile; the kernel has no such limits without a device
r0 = 0
r1 = 0
loop:
r1 += 1
if r1 < 10 goto loop
exit
