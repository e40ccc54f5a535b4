#include <core.p4>
extern void f(in bit<8> a);
control c(inout bit<8> x) {
    apply {
        f(x, x);
    }
}
