#include <core.p4>
control c(inout bit<8> x) {
    action a() {
        return 1;
    }
    apply {
        a();
    }
}
