#include <core.p4>
error { BadVersion }
header h_t { bit<4> version; bit<4> len; }
parser p(packet_in pkt, out h_t h) {
    state start {
        pkt.extract(h);
        verify(h.version == 4, error.BadVersion);
        transition accept;
    }
}
