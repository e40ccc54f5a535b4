# type: tc
# expect: reject 0 "invalid bpf_context access off=192 size=4"
r0 = *(u32 *)(r1 + 192)
r0 = 0
exit
