#include <core.p4>
header h_t { bit<32> dst; bit<8> proto; }
control c(inout h_t h) {
    action drop() { }
    action fwd(bit<9> port) { }
    table t {
        key = {
            h.dst : lpm;
            h.proto : ternary @name("proto");
        }
        actions = { drop; fwd; NoAction; }
        default_action = fwd(1);
        size = 512;
    }
    apply {
        t.apply();
    }
}
