#include <core.p4>
header a_t { bit<8> f; }
header b_t { bit<16> g; }
struct hs_t { a_t a; b_t b; }
control dep(packet_out pkt, in hs_t h) {
    apply {
        pkt.emit(h);
        pkt.emit(h.a);
        pkt.emit(h.b);
    }
}
