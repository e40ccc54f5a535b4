#include <core.p4>
extern E<T> {
    E();
    void m(in T v);
}
control c(inout bit<8> x) {
    E<bit<8>, bit<8>>() e;
    apply {
        e.m(x);
    }
}
