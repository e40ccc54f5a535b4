# type: xdp
# expect: reject 1 "math between fp pointer and 536870912 is not allowed"
r2 = r10
r2 += 536870912
r0 = 2
exit
