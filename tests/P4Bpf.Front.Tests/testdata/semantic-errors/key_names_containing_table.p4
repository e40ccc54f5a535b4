#include <core.p4>
control c(bit<8> t) {
    table t {
        key = { t : exact; }
        actions = { }
    }
    apply { }
}
