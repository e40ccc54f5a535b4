# type: xdp
# expect: accept
# kernel: skip callbacks need BTF func_info, which this harness does not load
r1 = 10
r2 = code_addr(6) ll
r3 = 0
r4 = 0
call 181
r0 = 2
exit
r0 = 1
exit
