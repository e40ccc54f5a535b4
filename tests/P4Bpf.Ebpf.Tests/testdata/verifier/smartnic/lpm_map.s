# type: xdp
# profile: smartnic
# map: l lpm_trie key=8 value=4 entries=16
# expect: reject 0 "map 'l' of type lpm_trie does not offload"
# kernel: skip offload profile; the kernel has no such limits without a device
r0 = 2
exit
