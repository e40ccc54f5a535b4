# type: xdp
# expect: reject 5 "cannot return stack pointer to the caller"
call f
r0 = 2
exit
f:
r0 = r10
r0 += -8
exit
