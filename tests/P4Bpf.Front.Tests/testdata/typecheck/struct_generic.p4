#include <core.p4>
struct pair<T> { T first; T second; }
control c(inout bit<8> x) {
    apply {
        pair<bit<8>> p = { first = x, second = 1 };
        x = p.first + p.second;
        pair<bool> q = { true, false };
    }
}
