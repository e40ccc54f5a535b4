# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 4 "invalid indirect read from stack R2 off -4+0 size 4"
# kernel: differs privileged loads may read uninitialised stack (allow_uninit_stack)
r2 = r10
r2 += -4
r1 = map_by_idx(0) ll
call 1
r0 = 2
exit
