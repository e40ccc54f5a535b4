#include <core.p4>
control c(in bit<8> k) {
    action a() { }
    table t {
        key = { k : ternary; }
        actions = { a; }
        priority_delta = 10;
        entries = {
            priority = 12 : 1 &&& 0xF : a();
            2 &&& 0xF : a();
            3 &&& 0xF : a();
        }
    }
    apply { t.apply(); }
}
