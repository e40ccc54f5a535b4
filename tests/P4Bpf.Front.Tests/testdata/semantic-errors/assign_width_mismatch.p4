#include <core.p4>
control c(inout bit<8> x) {
    apply {
        bit<16> w = 5;
        x = w;
    }
}
