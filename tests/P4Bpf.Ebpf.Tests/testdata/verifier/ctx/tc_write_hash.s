# type: tc
# expect: reject 1 "invalid bpf_context access off=68 size=4"
r2 = 1
*(u32 *)(r1 + 68) = r2
r0 = 0
exit
