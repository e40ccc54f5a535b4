# type: tc
# expect: reject 0 "invalid bpf_context access off=88 size=4"
r0 = *(u32 *)(r1 + 88)
r0 = 0
exit
