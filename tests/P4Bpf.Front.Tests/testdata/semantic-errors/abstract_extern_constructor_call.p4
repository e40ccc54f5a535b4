#include <core.p4>
extern Hook {
    Hook();
    abstract void run();
}
extern void use(Hook h);
control c(inout bit<8> x) {
    apply {
        use(Hook());
    }
}
