#include <core.p4>
@name(".shared") action a1() { }
control c(inout bit<8> x) {
    @name(".shared") action a2() { }
    apply {
        a2();
    }
}
