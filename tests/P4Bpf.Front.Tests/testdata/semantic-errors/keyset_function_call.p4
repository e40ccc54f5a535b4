#include <core.p4>
extern bit<8> pick();
parser p(packet_in pkt, out bit<8> v) {
    state start {
        v = 1;
        transition select(v) {
            pick(): accept;
            default: reject;
        }
    }
}
