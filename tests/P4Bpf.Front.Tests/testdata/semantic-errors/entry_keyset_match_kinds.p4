#include <core.p4>
match_kind { optional, range }
control c(in bit<8> l, in bit<8> o, in bit<8> t, in bit<8> r) {
    action a() { }
    table tab {
        key = { l : lpm; o : optional; t : ternary; r : range; }
        actions = { a; }
        const entries = {
            (0x10 &&& 0xF0, 1, 1 &&& 1, 1 .. 2) : a();
            (0x11 &&& 0xE1, 1, 1 &&& 1, 1 .. 2) : a();
            (0x10 &&& 0xF0, 1 &&& 1, 1 &&& 1, 1 .. 2) : a();
            (0x10 &&& 0xF0, 1, 1 .. 2, 1 .. 2) : a();
            (0x10 &&& 0xF0, 1, 1, 1 &&& 3) : a();
        }
    }
    apply { tab.apply(); }
}
