# type: xdp
# expect: reject 2 "R1 !read_ok"
r1 = 5
call f
r0 = r1
exit
f:
r0 = 1
exit
