#include <core.p4>
struct S<T> { }
extern E {
    E(list<S<bit<32>>> data = ...);
}
control c() {
    apply {
        if ((...) && (...)) { }
    }
}
