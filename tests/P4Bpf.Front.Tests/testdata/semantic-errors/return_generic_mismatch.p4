#include <core.p4>
T f<T>(in bit<8> x) {
    return x;
}
