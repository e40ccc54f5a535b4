# type: xdp
# profile: smartnic
# expect: accept
# kernel: skip offload profile; the kernel has no such limits without a device
r0 = 2
exit
