# type: xdp
# expect: accept
r6 = 5
call f
r0 = r6
exit
f:
r0 = 1
exit
