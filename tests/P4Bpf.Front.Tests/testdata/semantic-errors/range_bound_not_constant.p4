#include <core.p4>
header h_t { bit<8> lo; bit<8> v; }
parser p(packet_in pkt, out h_t h) {
    state start {
        pkt.extract(h);
        transition select(h.v) {
            h.lo .. 8w200: accept;
            default: reject;
        }
    }
}
