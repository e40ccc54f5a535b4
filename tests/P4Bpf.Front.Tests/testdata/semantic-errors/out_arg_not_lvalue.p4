#include <core.p4>
extern void get(out bit<8> v);
control c(inout bit<8> x) {
    apply {
        get(x + 1);
    }
}
