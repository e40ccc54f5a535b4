#include <core.p4>
control c(inout bit<8> x) {
    apply {
        bool a = true;
        bool b = !a || x == 0 && a;
        if (!b) {
            x = 1;
        } else {
            x = 2;
        }
    }
}
