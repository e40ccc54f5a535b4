#include <core.p4>
control c(inout bit<8> x) {
    action a1() { }
    action a2() { }
    table t {
        key = { x : exact; }
        actions = { a1; a2; }
    }
    apply {
        switch (t.apply().action_run) {
            a1: { x = 1; }
            a2: { x = 2; }
            default: { x = 0; }
        }
    }
}
