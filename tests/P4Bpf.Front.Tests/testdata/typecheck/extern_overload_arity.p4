#include <core.p4>
extern void note(in bit<8> a);
extern void note(in bit<8> a, in bit<8> b);
control c(inout bit<8> x) {
    apply {
        note(x);
        note(x, 2);
    }
}
