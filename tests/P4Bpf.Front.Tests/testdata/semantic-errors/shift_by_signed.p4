#include <core.p4>
control c(inout bit<8> x) {
    apply {
        int<8> n = 1;
        x = x << n;
    }
}
