# type: xdp
# map: ro array key=4 value=8 entries=1 flags=128
# expect: accept
r1 = map_val(map_by_idx(0)) + 0 ll
r0 = *(u32 *)(r1 + 4)
exit
