#include <core.p4>
control c(inout bit<8> x) {
    action inc(inout bit<8> v) { v = v + 1; }
    table t {
        key = { x : exact; }
        actions = { inc; }
    }
    apply {
        t.apply();
    }
}
