# type: tc
# expect: accept
r0 = *(u16 *)(r1 + 2)
r0 = 0
exit
