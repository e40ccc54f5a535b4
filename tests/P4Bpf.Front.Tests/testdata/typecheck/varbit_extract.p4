#include <core.p4>
header opt_t { bit<8> len; varbit<320> data; }
header fix_t { bit<8> len; }
parser p(packet_in pkt, out opt_t o) {
    state start {
        fix_t f = pkt.lookahead<fix_t>();
        pkt.extract(o, (bit<32>)f.len * 8);
        transition accept;
    }
}
