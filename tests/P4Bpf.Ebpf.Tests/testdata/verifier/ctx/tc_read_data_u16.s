# type: tc
# expect: reject 0 "invalid bpf_context access off=76 size=2"
r0 = *(u16 *)(r1 + 76)
r0 = 0
exit
