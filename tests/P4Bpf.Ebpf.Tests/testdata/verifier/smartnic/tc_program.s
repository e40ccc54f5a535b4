# type: tc
# profile: smartnic
# expect: reject 0 "program type sched_cls does not offload"
# kernel: skip offload profile; the kernel has no such limits without a device
r0 = 0
exit
