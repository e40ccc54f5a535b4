# type: xdp
# expect: reject 0 "invalid bpf_context access off=0 size=2"
r0 = *(u16 *)(r1 + 0)
r0 = 2
exit
