# type: xdp
# expect: accept
r6 = 3
call 7
r0 = r6
exit
