# type: xdp
# expect: accept
call 125
r0 &= 3
exit
