#include <core.p4>
extern void f<T>(in T v);
control c(inout bit<8> x) {
    apply {
        T v;
    }
}
