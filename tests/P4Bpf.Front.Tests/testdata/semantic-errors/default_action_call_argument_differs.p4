extern bit<8> first();
extern bit<8> second();
control C() {
    bit<8> seen;
    action a(in bit<8> v) { seen = v; }
    table t {
        actions = { a(first()); }
        default_action = a(second());
    }
    apply { t.apply(); }
}
