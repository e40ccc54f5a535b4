#include "../include/mini_core.p4"
extern Register<T, I> {
    Register(bit<32> size);
    Register(bit<32> size, T initial);
    T read(in I index);
    void write(in I index, in T value);
    @pure abstract T compute(in T value);
}
extern void log_msg<T>(in string msg, in T data);
extern bit<16> checksum<D>(in D data);
control C<H>(inout H h);
parser Pr<H>(packet_in p, out H h);
package Switch<H>(Pr<H> p, C<H> c);
bit<8> max(in bit<8> a, in bit<8> b) { return a > b ? a : b; }
T id<T>(in T x) { return x; }
struct hs { bit<8> x; }
control MyC(inout hs h) {
    Register<bit<8>, bit<32>>(16) r = {
        bit<8> compute(in bit<8> value) { return value + 1; }
    };
    apply {
        h.x = max(h.x, 8w3);
        log_msg("value", { h.x });
        log_msg<bit<8>>(msg = "v", data = h.x);
        r.write(0, r.read(1));
        h.x = id<bit<8>>(h.x);
    }
}
parser MyP(packet_in p, out hs h) { state start { transition accept; } }
Switch(MyP(), MyC()) main;
