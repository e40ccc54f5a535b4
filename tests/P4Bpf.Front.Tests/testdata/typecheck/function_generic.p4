#include <core.p4>
T pick<T>(in bool first, in T a, in T b) {
    return first ? a : b;
}
control c(inout bit<8> x) {
    apply {
        x = pick(true, x, 8w3);
        bit<16> w = pick<bit<16>>(false, 1, 2);
    }
}
