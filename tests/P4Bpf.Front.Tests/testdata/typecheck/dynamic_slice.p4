#include <core.p4>
control c(inout bit<8> x) {
    apply {
        bit<32> w = 32w0x11223344;
        bit<5> i = 8;
        x = w[i +: 8];
        x = w[16 +: 8];
    }
}
