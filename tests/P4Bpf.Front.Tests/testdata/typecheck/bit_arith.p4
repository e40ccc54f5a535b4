#include <core.p4>
control c(inout bit<8> x) {
    apply {
        x = x + 1;
        x = x - 8w2;
        x = x * 3;
        x = x & 0x0F | 0xA0 ^ x;
        x = ~x;
        x = -x;
    }
}
