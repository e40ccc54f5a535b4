#include <core.p4>
extern void log_value<T>(in T data);
control c() {
    apply {
        log_value("first");
        log_value("second");
    }
}
