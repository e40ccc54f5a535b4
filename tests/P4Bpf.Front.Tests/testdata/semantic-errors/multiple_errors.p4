#include <core.p4>
control c(inout bit<8> x) {
    apply {
        x = y;
        bool b = x;
        x = x + true;
        z = 1;
    }
}
