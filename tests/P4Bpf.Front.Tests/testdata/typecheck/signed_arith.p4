#include <core.p4>
control c(inout bit<8> x) {
    apply {
        int<8> s = -5;
        s = s + 8s3;
        s = s * -1;
        x = (bit<8>)s;
    }
}
