#include <core.p4>
match_kind { range, selector }
control c(inout bit<8> x) {
    table t {
        key = { x : range; x : selector; x : exact; }
        actions = { NoAction; }
    }
    apply {
        t.apply();
    }
}
