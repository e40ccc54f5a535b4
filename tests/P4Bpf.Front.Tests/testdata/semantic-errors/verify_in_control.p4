#include <core.p4>
control c(inout bit<8> x) {
    apply {
        verify(x == 0, error.NoMatch);
    }
}
