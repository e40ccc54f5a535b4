# type: xdp
# expect: accept
call 5
r0 &= 3
exit
