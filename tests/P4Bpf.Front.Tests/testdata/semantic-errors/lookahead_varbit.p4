#include <core.p4>
header v_t { varbit<32> d; }
parser p(packet_in pkt) {
    state start {
        v_t v = pkt.lookahead<v_t>();
        transition accept;
    }
}
