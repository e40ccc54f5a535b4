# type: xdp
# expect: reject 1 "div by zero"
w0 = 1
w0 %= 0
exit
