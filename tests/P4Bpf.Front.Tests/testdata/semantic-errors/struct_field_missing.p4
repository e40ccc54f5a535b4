#include <core.p4>
struct s_t { bit<8> a; bit<8> b; }
control c(inout bit<8> x) {
    apply {
        s_t s = { a = 1 };
    }
}
