#include <core.p4>
extern Plain {
    Plain();
}
control c() {
    Plain() p = {
        void f<T, T>(in T a) { }
    };
    apply { }
}
