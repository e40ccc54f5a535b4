#include <core.p4>
struct pair_t { bit<8> a; bool b; }
control c(inout bit<8> x) {
    apply {
        pair_t p = { a = x, b = true };
        p = { b = false, a = 8w1 };
        x = p.a;
        bool eq = p == { a = 1, b = false };
    }
}
