extern E {
    void method(E e);
}
