#include <core.p4>
control c(inout bit<8> x) {
    apply {
        bit<16> w = 16w0xABCD;
        x = w[7:0];
        w[15:12] = 4w3;
        bit<4> n = x[7:4];
        x[0:0] = 1;
    }
}
