#include "../include/mini_core.p4"
header h_t { bit<8> f; bit<32> addr; }
struct hs { h_t h; }
extern counter { counter(bit<32> size); void count(in bit<32> index); }
control Ingress(inout hs hdr, in bit<9> port) {
    counter(32w1024) c;
    bit<32> tmp;
    action set(bit<8> v) { hdr.h.f = v; }
    @name("ingress.drop") action drop() { exit; }
    table t {
        key = { hdr.h.f : exact @name("f"); hdr.h.addr : lpm; }
        actions = { set; @defaultonly drop; NoAction; }
        const default_action = drop();
        size = 1024;
        implementation = c;
        @my_prop custom = { 1, 2 };
        const entries = {
            (1, 0x0A000000 &&& 0xFF000000) : set(1);
            (_, _) : drop();
        }
    }
    table prio {
        key = { hdr.h.f : ternary; }
        actions = { set; }
        entries = {
            const priority = 10 : 1 &&& 0xF : set(2);
            priority = (5 + 5) : 2 : set(3);
            3 : set(4) @hidden;
        }
    }
    apply {
        switch (t.apply().action_run) {
            set:
            drop: { c.count(1); }
            default: { }
        }
        if (t.apply().hit) { prio.apply(); } else if (!t.apply().miss) { return; }
        switch (hdr.h.f) { 1: { tmp = 1; } 2: default: { } }
        tmp = tmp + 1;
        tmp |= 2; tmp &= 3; tmp ^= 4; tmp <<= 1; tmp >>= 1; tmp += 1; tmp -= 1; tmp *= 2; tmp /= 2; tmp %= 3;
        tmp |+|= 1; tmp |-|= 1;
        hdr.h.addr[7:0] = 8w1;
        hdr.h.addr[8 +: 8] = 8w2;
        hdr.h.setInvalid();
        { ; }
    }
}
