#include <core.p4>
struct S { bit<8> f; }
control c(inout S h) {
    apply {
        S h = h;
    }
}
