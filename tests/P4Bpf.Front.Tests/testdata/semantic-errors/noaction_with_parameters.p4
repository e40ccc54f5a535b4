action NoAction(bit<8> v) { }
control c() {
    table t {
        actions = { }
    }
    apply { t.apply(); }
}
