# type: tc
# expect: accept
r0 = *(u8 *)(r1 + 0)
r0 = 0
exit
