# type: tc
# expect: accept
call 34
r0 = 0
exit
