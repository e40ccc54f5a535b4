# type: xdp
# expect: reject 1 "R2 !read_ok"
r1 = 1
call 23
exit
