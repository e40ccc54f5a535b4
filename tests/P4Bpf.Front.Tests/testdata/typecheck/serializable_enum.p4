#include <core.p4>
enum bit<8> Proto { Tcp = 6, Udp = 17 }
control c(inout bit<8> x) {
    apply {
        Proto p = Proto.Udp;
        x = (bit<8>)p;
        p = (Proto)x;
        bit<8> y = Proto.Tcp;
        if (x == Proto.Tcp) {
            x = y;
        }
    }
}
