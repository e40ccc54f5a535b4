#include <core.p4>
extern Counter {
    Counter(bit<32> size);
    void count(in bit<32> index);
    bit<64> read(in bit<32> index);
}
control c(inout bit<8> x) {
    Counter(1024) c1;
    apply {
        c1.count((bit<32>)x);
        bit<64> v = c1.read(0);
    }
}
