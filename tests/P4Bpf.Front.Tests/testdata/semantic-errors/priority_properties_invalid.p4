#include <core.p4>
control c(in bit<8> k) {
    action a() { }
    table t1 {
        key = { k : ternary; }
        actions = { a; }
        largest_priority_wins = 1;
    }
    table t2 {
        key = { k : ternary; }
        actions = { a; }
        priority_delta = 0;
    }
    apply { t1.apply(); t2.apply(); }
}
