#include <core.p4>
control c(in bit<8> x) {
    apply {
        x = 1;
    }
}
