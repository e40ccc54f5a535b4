# type: xdp
# profile: smartnic
# expect: reject 0 "bpf-to-bpf call at insn 0 does not offload"
# kernel: skip offload profile; the kernel has no such limits without a device
call f
exit
f:
r0 = 2
exit
