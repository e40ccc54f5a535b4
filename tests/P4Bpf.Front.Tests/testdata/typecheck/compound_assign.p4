#include <core.p4>
control c(inout bit<8> x) {
    apply {
        x += 1;
        x -= 2;
        x *= 3;
        x &= 0xF0;
        x |= 1;
        x ^= x;
        x <<= 2;
        x >>= 1;
        x |+|= 250;
    }
}
