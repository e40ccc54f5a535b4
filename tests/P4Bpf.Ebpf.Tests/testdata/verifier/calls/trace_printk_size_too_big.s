# type: xdp
# expect: reject 4 "invalid indirect access to stack R1 off=-8 size=16"
*(u64 *)(r10 - 8) = 0
r1 = r10
r1 += -8
r2 = 16
call 6
r0 = 2
exit
