# type: xdp
# expect: accept
r1 = *(u32 *)(r1 + 12)
if r1 > 5 goto a
r0 = 1
goto j
a:
r0 = 2
j:
exit
