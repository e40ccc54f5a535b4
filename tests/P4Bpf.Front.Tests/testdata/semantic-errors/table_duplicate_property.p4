// a duplicated property is the one error reported: no cascade about the missing actions or NoAction
control c() {
    table t {
        key = { }
        key = { }
    }
    apply { }
}
