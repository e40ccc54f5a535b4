#include <core.p4>
control g<T>(in T a, in T b, out bool r) {
    apply { r = a == b; }
}
