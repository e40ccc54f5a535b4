control Inner();
extern Wrapper {
    Wrapper(Inner body);
    void run();
}
