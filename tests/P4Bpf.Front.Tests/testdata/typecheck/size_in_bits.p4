#include <core.p4>
header h_t { bit<8> a; bit<4> b; bit<4> c; varbit<16> v; }
control c(inout bit<8> x) {
    apply {
        h_t h;
        const int bits = h.minSizeInBits();
        const int bytes = h_t.minSizeInBytes();
        const int maxb = h.maxSizeInBits();
        x = (bit<8>)bits + (bit<8>)bytes;
    }
}
