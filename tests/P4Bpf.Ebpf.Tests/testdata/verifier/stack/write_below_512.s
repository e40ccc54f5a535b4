# type: xdp
# expect: reject 0 "invalid write to stack R10 off=-520 size=8"
*(u64 *)(r10 - 520) = 1
r0 = 2
exit
