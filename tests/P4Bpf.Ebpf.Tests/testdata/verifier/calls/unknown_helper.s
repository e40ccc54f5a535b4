# type: xdp
# expect: reject 0 "invalid func unknown#9999"
call 9999
r0 = 2
exit
