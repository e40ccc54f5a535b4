extern Box<T> {
    Box(T init);
    T get();
}
typedef Box<bit<8>> ByteBox;
control C() {
    ByteBox<bit<8>>(8w1) b;
    apply { }
}
