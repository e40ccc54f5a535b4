#include <core.p4>
control c(inout bit<8> x) {
    action set(out bit<8> dst, bit<8> v) { dst = v; }
    action bump() { x = x + 1; }
    apply {
        set(x, 5);
        bump();
    }
}
