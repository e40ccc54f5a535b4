#include <core.p4>
const int W = 8;
const bool ok = static_assert(W % 8 == 0, "W must be whole bytes");
control c(inout bit<8> x) {
    apply {
        static_assert(W == 8);
    }
}
