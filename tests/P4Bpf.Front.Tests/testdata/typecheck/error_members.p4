#include <core.p4>
error { Custom1, Custom2 }
control c(inout bit<8> x) {
    apply {
        error e = error.Custom1;
        if (e != error.NoError && e == error.Custom2) {
            x = 1;
        }
    }
}
