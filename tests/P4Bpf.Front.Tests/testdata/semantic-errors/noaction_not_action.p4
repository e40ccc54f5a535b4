const bit<1> NoAction = 1;
control c() {
    table t {
        actions = { }
    }
    apply { t.apply(); }
}
