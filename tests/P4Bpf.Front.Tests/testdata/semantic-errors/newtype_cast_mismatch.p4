#include <core.p4>
type bit<1> flag_t;
control c(inout bit<8> x) {
    apply {
        flag_t f = (flag_t)x;
    }
}
