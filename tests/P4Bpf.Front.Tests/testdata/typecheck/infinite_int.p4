#include <core.p4>
const int BIG = 1 << 70;
const int Q = BIG / 3 % 1000;
const int NEG = -7 + Q;
const bit<8> LOW = (bit<8>)BIG;
control c(inout bit<8> x) {
    apply {
        x = (bit<8>)Q;
    }
}
