#include <core.p4>
parser P(packet_in pkt);
control C(packet_in pkt)(P inner) {
    apply { }
}
