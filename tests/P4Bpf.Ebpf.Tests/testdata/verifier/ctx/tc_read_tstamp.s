# type: tc
# expect: accept
r0 = *(u64 *)(r1 + 152)
r0 = 0
exit
