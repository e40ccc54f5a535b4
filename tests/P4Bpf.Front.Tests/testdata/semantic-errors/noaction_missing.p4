match_kind { exact }
control c(inout bit<8> x) {
    action a() { }
    table t {
        key = { x : exact; }
        actions = { a; }
    }
    apply {
        t.apply();
    }
}
