#include <core.p4>
control c(inout bit<8> x) {
    apply {
        switch (x) {
            0: { x = 1; }
            1:
            2: { x = 5; }
            8w3: { x = 9; }
            default: { }
        }
    }
}
