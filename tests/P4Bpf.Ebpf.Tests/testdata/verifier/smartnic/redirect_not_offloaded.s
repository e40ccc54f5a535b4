# type: xdp
# profile: smartnic
# expect: reject 2 "helper bpf_redirect#23 does not offload"
# kernel: skip offload profile; the kernel has no such limits without a device
r1 = 1
r2 = 0
call 23
exit
