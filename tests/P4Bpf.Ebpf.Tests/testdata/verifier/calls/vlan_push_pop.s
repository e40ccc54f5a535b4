# type: tc
# expect: accept
r6 = r1
r2 = 0x81
r3 = 5
call 18
r1 = r6
call 19
r0 = 0
exit
