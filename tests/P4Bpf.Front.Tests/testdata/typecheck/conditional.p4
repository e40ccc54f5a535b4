#include <core.p4>
control c(inout bit<8> x) {
    apply {
        bool big = x > 100;
        x = big ? x : 8w0;
        x = big ? 1 : 2;
        const bit<8> K = true ? 8w4 : 8w5;
        x = x + K;
    }
}
