# type: tc
# expect: accept
r2 = 100
r3 = 0
call 38
r0 = 0
exit
