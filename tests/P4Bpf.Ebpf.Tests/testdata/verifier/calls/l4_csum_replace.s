# type: tc
# expect: accept
r2 = 40
r3 = 0
r4 = 1
r5 = 4
call 11
r0 = 0
exit
