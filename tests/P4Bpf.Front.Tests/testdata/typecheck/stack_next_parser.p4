#include <core.p4>
header h_t { bit<8> f; }
struct s_t { h_t[3] hs; }
parser p(packet_in pkt, out s_t s) {
    state start {
        pkt.extract(s.hs.next);
        transition select(s.hs.last.f) {
            0: accept;
            default: more;
        }
    }
    state more {
        pkt.extract(s.hs.next);
        bit<32> i = s.hs.lastIndex;
        transition accept;
    }
}
