# type: xdp
# expect: reject 0 "invalid bpf_context access off=20 size=4"
r0 = *(u32 *)(r1 + 20)
r0 = 2
exit
