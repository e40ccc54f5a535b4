# type: xdp
# expect: reject 1 "R5 !read_ok"
r0 = 1
r0 += r5
exit
