#include <core.p4>
extern void f();
control c(inout bit<8> x) {
    table t {
        key = { x : exact; }
        actions = { f; }
    }
    apply {
        t.apply();
    }
}
