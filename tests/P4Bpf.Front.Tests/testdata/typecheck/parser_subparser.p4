#include <core.p4>
header h_t { bit<8> f; }
parser sub(packet_in pkt, out h_t h) {
    state start {
        pkt.extract(h);
        transition accept;
    }
}
parser p(packet_in pkt, out h_t h) {
    sub() s;
    state start {
        s.apply(pkt, h);
        transition accept;
    }
}
