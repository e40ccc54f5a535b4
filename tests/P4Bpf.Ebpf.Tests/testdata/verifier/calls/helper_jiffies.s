# type: xdp
# expect: accept
call 118
r0 &= 3
exit
