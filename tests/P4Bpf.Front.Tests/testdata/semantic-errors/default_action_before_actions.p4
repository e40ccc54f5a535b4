#include <core.p4>
control c(inout bit<8> x) {
    action a() { }
    table t {
        default_action = a;
        actions = { a; }
    }
    apply {
        t.apply();
    }
}
