# type: xdp
# expect: reject 3 "the call stack of 9 frames is too deep"
r0 = 1
call f
exit
f:
call f
r0 = 1
exit
