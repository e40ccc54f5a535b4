#include <core.p4>
header h_t { bit<8> a; bit<4> b; }
parser p(packet_in pkt, out h_t h) {
    state start {
        pkt.extract(h);
        transition select(h.a, h.b) {
            (1, 2): accept;
            (2, _): accept;
            (_, 4w0xF &&& 4w0x3): reject;
            default: reject;
        }
    }
}
