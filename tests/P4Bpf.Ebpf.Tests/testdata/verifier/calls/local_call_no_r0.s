# type: xdp
# expect: reject 3 "R0 !read_ok"
call f
exit
f:
r1 = 1
exit
