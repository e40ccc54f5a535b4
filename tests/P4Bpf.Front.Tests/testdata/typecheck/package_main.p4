#include <core.p4>
parser P<H>(packet_in pkt, out H h);
control C<H>(inout H h);
package Pipe<H>(P<H> p, C<H> c);
header h_t { bit<8> f; }
parser my_parser(packet_in pkt, out h_t h) {
    state start {
        pkt.extract(h);
        transition accept;
    }
}
control my_control(inout h_t h) {
    apply { h.f = h.f + 1; }
}
Pipe(my_parser(), my_control()) main;
