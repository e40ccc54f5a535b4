#include <core.p4>
parser p(packet_in pkt) {
    state start {
        transition select(5) {
            5: accept;
            default: reject;
        }
    }
}
