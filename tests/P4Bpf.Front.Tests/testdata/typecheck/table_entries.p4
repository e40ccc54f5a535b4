#include <core.p4>
header h_t { bit<8> a; bit<16> b; }
control c(inout h_t h) {
    action set(bit<8> v) { h.a = v; }
    table t {
        key = { h.a : exact; h.b : ternary; }
        actions = { set; NoAction; }
        const entries = {
            priority = 20 : (1, 0x0800 &&& 0xFF00) : set(2);
            (2, _) : NoAction();
            priority = 10 : (3, 16w5) : set(8w9);
        }
    }
    apply {
        t.apply();
    }
}
