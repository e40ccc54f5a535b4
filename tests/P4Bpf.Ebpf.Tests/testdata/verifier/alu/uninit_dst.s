# type: xdp
# expect: reject 0 "R5 !read_ok"
r5 += 1
r0 = 2
exit
