# type: xdp
# profile: smartnic
# expect: accept
# kernel: skip offload profile; the kernel has no such limits without a device
call 5
r0 = 2
exit
