#include <core.p4>
header h_t { bit<8> f; }
header_union u_t { h_t a; }
control c(inout bit<8> x) {
    apply {
        h_t h = {#};
        u_t u = {#};
        h = {#};
        bool v = h.isValid();
    }
}
