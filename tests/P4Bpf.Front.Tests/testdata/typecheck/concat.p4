#include <core.p4>
control c(inout bit<8> x) {
    apply {
        bit<4> hi = 0xA;
        bit<4> lo = 4w5;
        bit<16> w = hi ++ lo ++ x;
        x = w[15:8];
    }
}
