# type: xdp
# profile: smartnic
# map: rb ringbuf key=0 value=0 entries=4096
# expect: reject 0 "map 'rb' of type ringbuf does not offload"
# kernel: skip offload profile; the kernel has no such limits without a device
r0 = 2
exit
