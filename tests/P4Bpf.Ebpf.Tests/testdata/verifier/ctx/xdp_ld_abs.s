# type: xdp
# expect: reject 1 "BPF_LD_[ABS|IND] instructions not allowed for this program type"
r6 = r1
r0 = *(u8 *)skb[12]
r0 = 0
exit
