# type: xdp
# map: d array key=4 value=8 entries=1
# expect: reject 2 "invalid access to map value, value_size=8 off=4 size=8"
r1 = map_val(map_by_idx(0)) + 4 ll
r0 = *(u64 *)(r1 + 0)
exit
