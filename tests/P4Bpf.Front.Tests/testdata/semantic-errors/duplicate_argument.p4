#include <core.p4>
extern void put(in bit<8> value, in bool flag);
control c(inout bit<8> x) {
    apply {
        put(value = x, value = x);
    }
}
