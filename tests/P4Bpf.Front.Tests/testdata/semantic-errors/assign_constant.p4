#include <core.p4>
const bit<8> K = 1;
control c(inout bit<8> x) {
    apply {
        K = x;
    }
}
