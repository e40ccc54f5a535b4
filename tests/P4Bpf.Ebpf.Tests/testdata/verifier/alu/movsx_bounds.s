# type: xdp
# expect: reject 0 "invalid bpf_context access off=0 size=1"
r1 = *(u8 *)(r1 + 0)
r1 = 0
r2 = *(u32 *)(r10 - 0)
exit
