#include <core.p4>
extern void emit_value(in bit<8> value, in bit<8> extra = 5);
control c(inout bit<8> x) {
    apply {
        emit_value(x);
        emit_value(x, 1);
        emit_value(extra = 2, value = x);
    }
}
