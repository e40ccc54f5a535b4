#include <core.p4>
control c(inout bit<8> x) {
    apply {
        x = x |+| 200;
        x = x |-| 8w10;
        int<4> y = 7;
        y = y |+| 1;
    }
}
