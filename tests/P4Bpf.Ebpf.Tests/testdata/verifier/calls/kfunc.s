# type: xdp
# expect: reject 0 "not supported yet: calling kernel functions"
# kernel: skip kfunc ids depend on the running kernel's BTF
call kfunc(1000)
r0 = 2
exit
