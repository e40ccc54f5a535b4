#include <core.p4>
control inner(inout bit<8> v)(bit<8> k) {
    apply { v = k; }
}
control c(inout bit<8> x, in bit<8> y) {
    inner(y) i;
    apply { i.apply(x); }
}
