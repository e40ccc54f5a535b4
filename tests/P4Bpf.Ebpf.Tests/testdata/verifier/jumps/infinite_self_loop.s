# type: xdp
# expect: reject 1 "infinite loop detected at insn 1"
r0 = 2
goto -1
