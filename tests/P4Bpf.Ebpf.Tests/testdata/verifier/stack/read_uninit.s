# type: xdp
# expect: reject 0 "invalid read from stack off -8+0 size 8"
# kernel: differs privileged loads may read uninitialised stack (allow_uninit_stack)
r0 = *(u64 *)(r10 - 8)
exit
