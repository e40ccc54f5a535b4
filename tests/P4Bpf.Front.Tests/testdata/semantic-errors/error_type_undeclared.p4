// no core.p4 and no `error { }` declaration: the type `error` does not exist
struct S {
    error e;
}
