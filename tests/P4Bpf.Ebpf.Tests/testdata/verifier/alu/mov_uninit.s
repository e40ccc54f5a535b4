# type: xdp
# expect: reject 0 "R7 !read_ok"
r0 = r7
exit
