#include <core.p4>
header H {
    varbit<64> x;
    varbit<64> y;
}
header Unused {
    varbit<8> a;
    varbit<8> b;
}
parser p(packet_in pkt, out H h) {
    state start {
        pkt.extract(h, 32);
        transition accept;
    }
}
