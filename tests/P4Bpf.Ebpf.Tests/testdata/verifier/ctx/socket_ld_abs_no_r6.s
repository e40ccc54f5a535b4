# type: socket
# expect: reject 0 "at the time of BPF_LD_ABS|IND R6 != pointer to skb"
r0 = *(u8 *)skb[12]
r0 = 0
exit
