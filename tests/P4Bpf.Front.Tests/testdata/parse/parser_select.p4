#include "../include/mini_core.p4"
header h_t { bit<8> f; bit<16> g; }
struct hs { h_t h; h_t[2] st; }
parser P(packet_in pkt, out hs hdr)(bit<8> init) {
    value_set<bit<8>>(4) vs;
    bit<8> local = 0;
    const bit<8> K = 3;
    @name(".start") state start {
        pkt.extract(hdr.h);
        pkt.extract<h_t>(hdr.st.next);
        transition select(hdr.h.f, hdr.h.g) {
            (1, 0x0800): next;
            (2 &&& 0xF, _): next;
            (3 .. 5, default): accept;
            (vs, _): accept;
            default: reject;
        }
    }
    state next {
        bit<16> tmp = pkt.lookahead<bit<16>>();
        transition select(tmp[3:0]) { 0: accept; 1 .. 4: reject; }
    }
}
parser Empty(packet_in p);
