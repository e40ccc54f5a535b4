# type: xdp
# expect: reject 1 "invalid read from stack off -8+4 size 8"
# kernel: differs privileged loads may read uninitialised stack (allow_uninit_stack)
*(u32 *)(r10 - 8) = 1
r0 = *(u64 *)(r10 - 8)
exit
