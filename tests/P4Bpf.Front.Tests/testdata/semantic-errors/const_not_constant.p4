#include <core.p4>
control c(inout bit<8> x) {
    apply {
        const bit<8> K = x;
    }
}
