# type: xdp
# expect: reject 0 "R0 !read_ok"
exit
