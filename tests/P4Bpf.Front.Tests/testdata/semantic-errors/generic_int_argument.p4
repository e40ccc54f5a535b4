#include <core.p4>
extern void log_value<T>(in T v);
control c(inout bit<8> x) {
    apply {
        log_value(5);
    }
}
