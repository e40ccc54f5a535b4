#include <core.p4>
control c(inout bit<8> x) {
    apply {
        bit<3> n = 2;
        x = x << 1;
        x = x >> n;
        x = (bit<8>)(16w1 << 9);
        x = x << 8w3;
    }
}
