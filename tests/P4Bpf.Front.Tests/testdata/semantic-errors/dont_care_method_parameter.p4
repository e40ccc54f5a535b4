#include <core.p4>
extern E<T> {
    E();
    void f(in T arg);
}
control c() {
    E<_>() e;
    apply {
        e.f(0);
    }
}
