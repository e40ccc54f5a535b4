#include <core.p4>
extern Plain {
    Plain();
    void run();
}
control c() {
    Plain() p = {
        void run() { }
    };
    apply { p.run(); }
}
