# type: xdp
# map: ro array key=4 value=8 entries=1 flags=128
# expect: reject 2 "write into map forbidden"
r1 = map_val(map_by_idx(0)) + 0 ll
*(u32 *)(r1 + 4) = 1
r0 = 2
exit
