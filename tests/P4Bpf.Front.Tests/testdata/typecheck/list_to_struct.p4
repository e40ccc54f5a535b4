#include <core.p4>
struct pair_t { bit<8> a; bit<16> b; }
header h_t { bit<8> f; bit<8> g; }
control c(inout bit<8> x) {
    apply {
        pair_t p = { 1, 2 };
        h_t h = { x, 3 };
        x = h.g + p.a;
    }
}
