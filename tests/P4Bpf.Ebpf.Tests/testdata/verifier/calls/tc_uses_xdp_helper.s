# type: tc
# expect: reject 1 "program of this type cannot use helper bpf_xdp_adjust_head#44"
r2 = 4
call 44
r0 = 0
exit
