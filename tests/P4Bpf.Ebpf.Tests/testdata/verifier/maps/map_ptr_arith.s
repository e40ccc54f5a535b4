# type: xdp
# map: m hash key=4 value=16 entries=64
# expect: reject 2 "R1 pointer arithmetic on map_ptr prohibited"
r1 = map_by_idx(0) ll
r1 += 8
r0 = 2
exit
