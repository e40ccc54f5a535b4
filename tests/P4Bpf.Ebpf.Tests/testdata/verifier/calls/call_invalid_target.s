# type: xdp
# expect: reject 0 "call to invalid destination"
call pc+10
r0 = 2
exit
