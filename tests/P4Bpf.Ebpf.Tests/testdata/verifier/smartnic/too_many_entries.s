# type: xdp
# profile: smartnic
# map: big hash key=4 value=8 entries=1000000
# expect: reject 0 "has 1000000 entries"
# kernel: skip offload profile; the kernel has no such limits without a device
r0 = 2
exit
