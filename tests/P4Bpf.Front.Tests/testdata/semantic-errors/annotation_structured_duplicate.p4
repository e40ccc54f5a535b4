#include <core.p4>
@dup[]
@dup[]
control c() { apply { } }
@number(3)
@number(4)
@number[1]
const bit<8> b = 0;
