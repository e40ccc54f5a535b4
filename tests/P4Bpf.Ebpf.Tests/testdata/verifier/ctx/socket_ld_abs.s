# type: socket
# expect: accept
r6 = r1
r0 = *(u8 *)skb[12]
r0 = 0
exit
