#include <core.p4>
extern void log_value<T>(in T value);
extern bit<16> checksum<D>(in D data);
control c(inout bit<8> x) {
    apply {
        log_value(x);
        log_value({ x, true });
        bit<16> c = checksum({ x, 8w1 });
    }
}
