#include <core.p4>
control c() {
    action a() { }
    table t {
        actions = { a; }
        entries = {
            _ : a();
            _ : a();
        }
    }
    apply { t.apply(); }
}
