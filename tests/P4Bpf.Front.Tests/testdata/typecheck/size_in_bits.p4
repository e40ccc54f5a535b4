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
struct fixed_t { bit<8> a; bool b; bit<7> c; }
const int FIXED_BITS = fixed_t.sizeInBits();
const int FIXED_BYTES = fixed_t.sizeInBytes();
