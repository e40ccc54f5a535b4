#include <core.p4>
parser p(packet_in pkt) {
    value_set<int>(4) vs;
    state start {
        transition accept;
    }
}
