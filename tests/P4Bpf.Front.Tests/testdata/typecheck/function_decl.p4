#include <core.p4>
bit<8> max(in bit<8> a, in bit<8> b) {
    if (a > b) {
        return a;
    }
    return b;
}
control c(inout bit<8> x) {
    apply {
        x = max(x, 10);
    }
}
