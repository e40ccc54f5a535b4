# type: xdp
# expect: reject 0 "invalid bpf_context access off=0 size=8"
r0 = *(u64 *)(r1 + 0)
r0 = 2
exit
