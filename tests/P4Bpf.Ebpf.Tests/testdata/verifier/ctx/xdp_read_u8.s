# type: xdp
# expect: reject 0 "invalid bpf_context access off=0 size=1"
r0 = *(u8 *)(r1 + 0)
r0 = 2
exit
