#include <core.p4>
struct cfg_t { bit<8> a; bit<8> b; }
const cfg_t CFG = { a = 3, b = 4 };
const bit<8> SUM = CFG.a + CFG.b;
const tuple<bit<8>, bool> T = { 8w1, true };
const bit<8> FIRST = T[0];
control c(inout bit<8> x) {
    apply {
        x = SUM + FIRST;
    }
}
