# type: socket
# expect: reject 2 "R1 !read_ok"
r6 = r1
r0 = *(u8 *)skb[12]
r0 = r1
exit
