# type: xdp
# expect: reject 0 "invalid func unknown#200"
call 200
r0 = 2
exit
