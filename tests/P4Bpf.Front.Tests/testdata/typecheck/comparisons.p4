#include <core.p4>
control c(inout bit<8> x) {
    apply {
        bool b = x < 10;
        b = x >= 8w2 && x != 255;
        b = b == true;
        int<8> s = -1;
        b = s <= 0;
    }
}
