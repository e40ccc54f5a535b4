# type: xdp
# profile: smartnic
# expect: reject 1 "invalid access to packet"
# kernel: skip offload profile; the kernel has no such limits without a device
r2 = *(u32 *)(r1 + 0)
r0 = *(u8 *)(r2 + 0)
exit
