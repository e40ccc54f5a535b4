#include <core.p4>
header h_t { bit<8> f; }
control c(inout bit<8> x) {
    apply {
        h_t[3] hs;
        for (bit<8> i in 0 .. 2) {
            x = x + i;
            continue;
        }
        for (h_t h in hs) {
            x = x + h.f;
        }
    }
}
