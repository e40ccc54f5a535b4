# type: xdp
# expect: reject 1 "R5 !read_ok"
call 5
r0 = r5
exit
