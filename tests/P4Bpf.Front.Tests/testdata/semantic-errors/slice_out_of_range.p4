#include <core.p4>
control c(inout bit<8> x) {
    apply {
        bit<4> n = x[8:5];
    }
}
