#include <core.p4>
extern Register<T, I> {
    Register(bit<32> size);
    Register(bit<32> size, T init);
    T read(in I index);
    void write(in I index, in T value);
}
control c(inout bit<8> x) {
    Register<bit<32>, bit<8>>(256) r;
    Register<bit<16>, bit<1>>(2, 16w7) r2;
    apply {
        bit<32> v = r.read(x);
        r.write(x, v + 1);
        bit<16> w = r2.read(0);
    }
}
