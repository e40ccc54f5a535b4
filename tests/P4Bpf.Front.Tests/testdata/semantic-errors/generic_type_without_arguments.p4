#include <core.p4>
struct pair<T> { T a; T b; }
control c(inout bit<8> x) {
    apply {
        pair p;
    }
}
