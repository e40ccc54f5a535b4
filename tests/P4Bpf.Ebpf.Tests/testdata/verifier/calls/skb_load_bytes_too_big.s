# type: tc
# expect: reject 4 "invalid indirect access to stack R3 off=-16 size=24"
r2 = 0
r3 = r10
r3 += -16
r4 = 24
call 26
r0 = 0
exit
