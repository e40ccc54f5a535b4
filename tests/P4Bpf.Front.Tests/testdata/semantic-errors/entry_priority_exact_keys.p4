#include <core.p4>
control c(in bit<8> k) {
    action a() { }
    table t {
        key = { k : exact; }
        actions = { a; }
        entries = {
            priority = 2 : 1 : a();
            priority = 1 : 2 : a();
        }
    }
    apply { t.apply(); }
}
