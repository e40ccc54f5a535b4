# type: xdp
# expect: reject 1 "div by zero"
r0 = 1
r0 /= 0
exit
