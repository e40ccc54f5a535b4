#include <core.p4>
control c(inout bit<8> x) {
    action a() {
        if (x == 1) {
            exit;
        }
        x = 2;
        return;
    }
    apply {
        if (x == 0) {
            return;
        }
        a();
        exit;
    }
}
