#include <core.p4>
parser P(packet_in pkt) {
    state start { transition loop_a; }
    state loop_a { transition loop_b; }
    state loop_b { transition loop_a; }
}
