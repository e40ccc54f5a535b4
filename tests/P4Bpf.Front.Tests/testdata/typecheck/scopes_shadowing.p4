#include <core.p4>
const bit<8> v = 1;
control c(inout bit<8> x) {
    apply {
        bit<8> v = 2;
        {
            bit<8> w = v;
            x = w;
        }
        if (true) {
            bit<16> v = 3;
            x = (bit<8>)v;
        }
    }
}
