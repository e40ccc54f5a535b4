control Inner();
extern Factory {
    Factory();
    Inner make();
}
control Outer()(Factory f) {
    apply {
        f.make().apply();
    }
}
