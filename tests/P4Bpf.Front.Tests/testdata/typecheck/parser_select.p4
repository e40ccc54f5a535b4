#include <core.p4>
header h_t { bit<16> t; }
parser p(packet_in pkt, out h_t h) {
    state start {
        pkt.extract(h);
        transition select(h.t) {
            0x0800: v4;
            0x8100 &&& 0xEFFF: vlan;
            0x0600 .. 0x06FF: accept;
            default: reject;
        }
    }
    state v4 { transition accept; }
    state vlan { transition accept; }
}
