#include <core.p4>
#include <v1model.p4>
struct pair_t { bit<8> a; bit<8> b; }
control c(inout pair_t m) {
    action set(bit<8> x, pair_t p) { m = p; m.a = x; }
    apply { }
}
