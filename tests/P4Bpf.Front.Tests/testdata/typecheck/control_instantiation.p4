#include <core.p4>
control inner(inout bit<8> v) {
    apply { v = v + 1; }
}
control c(inout bit<8> x) {
    inner() i1;
    inner() i2;
    apply {
        i1.apply(x);
        i2.apply(x);
    }
}
