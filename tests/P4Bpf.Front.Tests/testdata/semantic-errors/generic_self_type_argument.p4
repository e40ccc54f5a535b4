#include <core.p4>
struct h<T> {
    T f;
}
typedef h<bit<1>> inner;
typedef h<inner> outer;
extern Box<T> {
    Box();
    void write(in T value);
}
Box<Box<bit<32>>>() box;
extern Wrap<T> {
    Wrap(T t);
    void run();
}
control Inner(Wrap<_> w) {
    apply { }
}
control Outer() {
    Inner() i;
    Wrap<Inner>(i) w;
    apply { }
}
