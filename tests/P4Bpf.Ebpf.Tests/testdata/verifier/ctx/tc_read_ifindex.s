# type: tc
# expect: accept
r0 = *(u32 *)(r1 + 40)
r0 = 0
exit
