#include <core.p4>
header h_t { bit<8> f; }
control c(inout bit<8> x) {
    apply {
        h_t[2] hs;
        bit<32> n = hs.lastIndex;
    }
}
