#include <core.p4>
control c(inout bit<8> x) {
    apply {
        bit<8> n = 4;
        bit<n> v;
    }
}
