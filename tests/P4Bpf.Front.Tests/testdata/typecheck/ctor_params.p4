#include <core.p4>
control scaled(inout bit<8> v)(bit<8> factor, bool enabled) {
    apply {
        if (enabled) {
            v = v * factor;
        }
    }
}
control c(inout bit<8> x) {
    scaled(3, true) s;
    apply {
        s.apply(x);
    }
}
