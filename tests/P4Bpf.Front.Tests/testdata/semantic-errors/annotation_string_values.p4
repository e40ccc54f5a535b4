@name(4)
void f() { }
@deprecated("a" | "b")
void g() { }
@name("good" ++ ".name")
void h() { }
