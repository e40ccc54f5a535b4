#include <core.p4>
control c(inout bit<8> x) {
    apply {
        bit<8> sum = 0;
        for (bit<8> i = 0; i < 4; i = i + 1) {
            sum = sum + i;
            if (sum > 10) {
                break;
            }
        }
        x = sum;
    }
}
