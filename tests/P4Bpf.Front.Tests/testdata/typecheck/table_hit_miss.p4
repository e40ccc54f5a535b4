#include <core.p4>
control c(inout bit<8> x) {
    table t {
        key = { x : exact; }
        actions = { NoAction; }
    }
    apply {
        if (t.apply().hit) {
            x = 1;
        } else if (t.apply().miss) {
            x = 2;
        }
    }
}
