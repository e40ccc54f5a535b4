#include <core.p4>
header h_t { bit<8> f; }
control c(inout bit<8> x) {
    bit<8> h_t = 1;
    apply {
        h_t v;
    }
}
