#include <core.p4>
extern void trace(in bit<8> a, @optional in bit<16> b);
control c(inout bit<8> x) {
    apply {
        trace(x);
        trace(x, 16w3);
    }
}
