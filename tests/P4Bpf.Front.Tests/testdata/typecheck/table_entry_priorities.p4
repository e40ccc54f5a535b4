// priorities: the first entry gives one, later ones are computed (smallest wins, step 10); lpm takes prefix masks
#include <core.p4>
const bool SMALLEST_WINS = false;
control c(in bit<8> k, in bit<8> l) {
    action a() { }
    table t {
        key = { k : ternary; l : lpm; }
        actions = { a; }
        largest_priority_wins = SMALLEST_WINS;
        priority_delta = 10;
        const entries = {
            priority = 1 : (1 &&& 0xF, 0x10 &&& 0xF0) : a();
            (2 &&& 0xF, 0x20 &&& 0xFF) : a();
            (_, 0x30 &&& 0x00) : a();
        }
    }
    apply { t.apply(); }
}
