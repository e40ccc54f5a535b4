#include <core.p4>
struct s_t { bit<8> a; }
parser p(packet_in pkt, inout s_t s) {
    state start {
        transition select(s) {
            default: accept;
        }
    }
}
