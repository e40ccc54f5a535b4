#include <core.p4>
typedef bit<32> ip_t;
typedef ip_t addr_t;
header h_t { addr_t a; }
control c(inout h_t h) {
    apply {
        ip_t v = 32w1;
        addr_t w = v + 1;
        h.a = w;
    }
}
