#include <core.p4>
@name("ingress.counter_table") @id(7)
control c(inout bit<8> x) {
    @name("act") action a() { }
    @name(".t") table t {
        key = { x : exact @name("key_x"); }
        actions = { a; }
        default_action = a;
    }
    apply {
        t.apply();
    }
}
