# type: xdp
# expect: reject 3 "R6 !read_ok"
r6 = 5
call f
exit
f:
r0 = r6
exit
