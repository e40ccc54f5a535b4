#include <core.p4>
control c(in bit<8> k) {
    action a() { }
    table t {
        key = { k : ternary; }
        actions = { a; }
        entries = {
            1 &&& 0xF : a();
            priority = 5 : 2 &&& 0xF : a();
        }
    }
    apply { t.apply(); }
}
