# type: tc
# expect: accept
r2 = 1
r3 = 0
call 13
r0 = 0
exit
