# type: xdp
# expect: accept
call 8
r0 &= 3
exit
