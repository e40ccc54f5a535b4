#include <core.p4>
header h_t { bit<8> f; }
parser p(packet_in pkt, out h_t h) {
    state start {
        bit<8> peek = pkt.lookahead<bit<8>>();
        pkt.advance(8);
        transition select(peek) {
            1: parse_h;
            default: accept;
        }
    }
    state parse_h {
        pkt.extract(h);
        bit<32> len = pkt.length();
        transition accept;
    }
}
