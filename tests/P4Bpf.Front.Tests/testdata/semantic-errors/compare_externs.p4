#include <core.p4>
extern Thing {
    Thing();
}
control c(inout bit<8> x) {
    Thing() t1;
    Thing() t2;
    apply {
        bool b = t1 == t2;
    }
}
