#include <core.p4>
extern void put(in bit<8> v);
control c(inout bit<8> x) {
    apply {
        put(_);
    }
}
