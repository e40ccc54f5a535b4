# type: tc
# expect: reject 1 "invalid bpf_context access off=8 size=2"
r2 = 1
*(u16 *)(r1 + 8) = r2
r0 = 0
exit
