#include <core.p4>
const bit<8> A = 8w200 + 100;
const int W = 4 * 4;
const bit<W> B = 0xFFFF;
const bool C = A > 40 && W == 16;
const bit<4> D = B[3:0] |+| 4w15;
control c(inout bit<8> x) {
    apply {
        x = A;
    }
}
