# type: socket
# expect: reject 0 "invalid bpf_context access off=72 size=4"
r0 = *(u32 *)(r1 + 72)
r0 = 0
exit
