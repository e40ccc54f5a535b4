# type: xdp
# profile: smartnic
# expect: accept
# kernel: skip offload profile; the kernel has no such limits without a device
r2 = 4
call 44
r0 = 2
exit
