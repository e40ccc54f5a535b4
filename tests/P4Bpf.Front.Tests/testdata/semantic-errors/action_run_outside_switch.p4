#include <core.p4>
control c(inout bit<8> x) {
    table t {
        key = { x : exact; }
        actions = { NoAction; }
    }
    apply {
        if (t.apply().action_run == t.apply().action_run) {
            x = 1;
        }
    }
}
