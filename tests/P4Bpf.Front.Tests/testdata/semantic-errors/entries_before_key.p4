#include <core.p4>
control c(inout bit<8> x) {
    table t {
        actions = { NoAction; }
        const entries = {
            1 : NoAction();
        }
        key = { x : exact; }
    }
    apply {
        t.apply();
    }
}
