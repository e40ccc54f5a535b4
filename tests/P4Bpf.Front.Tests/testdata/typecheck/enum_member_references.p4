// a serializable enum member's value may name the members declared before it
enum bit<4> E {
    a = 1,
    b = a,
    c = (bit<4>)a + 2
}
const E x = E.c;
