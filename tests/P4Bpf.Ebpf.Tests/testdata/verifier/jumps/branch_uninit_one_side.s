# type: xdp
# expect: reject 3 "R0 !read_ok"
r1 = *(u32 *)(r1 + 12)
if r1 > 5 goto a
r0 = 1
a:
exit
