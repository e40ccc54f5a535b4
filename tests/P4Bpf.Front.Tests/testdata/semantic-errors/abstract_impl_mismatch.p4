#include <core.p4>
extern Hook {
    Hook();
    abstract bit<8> on_event(in bit<8> v);
}
control c(inout bit<8> x) {
    Hook() h = {
        bit<8> on_event(inout bit<8> v) {
            return v;
        }
    };
    apply {
        x = 1;
    }
}
