#include <core.p4>
control c(inout bit<8> x) {
    apply {
        bool b = (bool)x[0:0];
        bit<1> one = (bit<1>)b;
        bit<16> w = (bit<16>)x;
        int<8> s = (int<8>)x;
        x = (bit<8>)s;
        w = (bit<16>)-1;
        int<16> sw = (int<16>)s;
    }
}
