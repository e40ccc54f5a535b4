# type: xdp
# profile: smartnic
# map: big array key=4 value=1024 entries=4
# expect: reject 0 "value size 1024 is larger than 256 bytes"
# kernel: skip offload profile; the kernel has no such limits without a device
r0 = 2
exit
