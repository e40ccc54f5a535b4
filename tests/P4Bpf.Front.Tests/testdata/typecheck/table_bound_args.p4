#include <core.p4>
control c(inout bit<8> x) {
    action inc(inout bit<8> v, bit<8> step) { v = v + step; }
    table t {
        key = { x : exact; }
        actions = { inc(x); }
        default_action = inc(x, 1);
    }
    apply {
        t.apply();
    }
}
