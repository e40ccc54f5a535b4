# type: xdp
# expect: reject 0 "BPF_ST stores into R1 ctx is not allowed"
*(u32 *)(r1 + 12) = 0
r0 = 2
exit
