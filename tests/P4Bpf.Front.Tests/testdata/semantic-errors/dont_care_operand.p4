control C(inout bit<16> x) {
    apply {
        x = x | _;
    }
}
