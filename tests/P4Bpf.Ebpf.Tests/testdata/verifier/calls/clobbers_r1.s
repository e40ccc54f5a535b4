# type: xdp
# expect: reject 1 "R1 !read_ok"
call 7
r0 = r1
exit
