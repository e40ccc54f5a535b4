#include <core.p4>
control inner(inout bit<8> v);
control c(inout bit<8> x, inner i) {
    apply { }
}
