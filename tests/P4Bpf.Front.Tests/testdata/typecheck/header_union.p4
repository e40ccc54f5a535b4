#include <core.p4>
header a_t { bit<8> f; }
header b_t { bit<16> g; }
header_union u_t { a_t a; b_t b; }
control c(inout bit<8> x) {
    apply {
        u_t u;
        u.a.setValid();
        u.a.f = x;
        if (u.isValid() && u.b.isValid()) {
            x = u.b.g[7:0];
        }
    }
}
