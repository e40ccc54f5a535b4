# type: xdp
# expect: reject 1 "invalid shift 40"
w0 = 1
w0 s>>= 40
exit
