# type: socket
# expect: accept
r6 = r1
r7 = 2
r0 = *(u16 *)skb[r7 + 12]
r0 = 0
exit
