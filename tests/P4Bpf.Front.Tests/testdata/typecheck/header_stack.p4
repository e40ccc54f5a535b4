#include <core.p4>
header h_t { bit<8> f; }
struct s_t { h_t[4] hs; }
control c(inout s_t s) {
    apply {
        s.hs[0].setValid();
        s.hs[1].f = s.hs[0].f;
        bit<32> n = s.hs.size;
        s.hs.push_front(1);
        s.hs.pop_front(2);
        bit<2> i = 1;
        s.hs[i].f = 3;
    }
}
