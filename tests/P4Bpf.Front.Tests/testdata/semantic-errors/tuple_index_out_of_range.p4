#include <core.p4>
control c(inout bit<8> x) {
    apply {
        tuple<bit<8>, bool> t = { x, true };
        x = t[2];
    }
}
