# type: tc
# expect: accept
r2 = 14
r3 = 0
call 43
r0 = 0
exit
