# type: xdp
# expect: reject 6 "invalid variable-offset read from stack R2"
# kernel: differs privileged loads may read uninitialised stack (allow_uninit_stack)
r1 = *(u32 *)(r1 + 12)
r1 &= 8
r2 = r10
r2 += -16
r2 += r1
*(u64 *)(r10 - 16) = 0
r0 = *(u64 *)(r2 + 0)
r0 = 2
exit
