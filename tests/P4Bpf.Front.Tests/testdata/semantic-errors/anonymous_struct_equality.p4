control C(out bool r) {
    apply {
        r = { x = 8w1, y = 8w2 } == { x = 8w1, y = 8w2 };
    }
}
