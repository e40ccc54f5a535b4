#include <core.p4>
header h_t { bit<16> t; }
parser p(packet_in pkt, out h_t h) {
    value_set<bit<16>>(4) types;
    state start {
        pkt.extract(h);
        transition select(h.t) {
            types: accept;
            default: reject;
        }
    }
}
