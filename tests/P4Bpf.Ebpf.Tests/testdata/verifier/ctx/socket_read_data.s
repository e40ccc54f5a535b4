# type: socket
# expect: reject 0 "invalid bpf_context access off=76 size=4"
r0 = *(u32 *)(r1 + 76)
r0 = 0
exit
