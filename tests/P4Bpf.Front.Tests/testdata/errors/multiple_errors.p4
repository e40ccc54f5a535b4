header h_t { bit<8> f; }
const bit<8> A = ;
struct s_t { bit<8> g; }
control C(inout s_t s) {
    apply { s.g = 1 + ; }
}
header ok_t { bit<8> f; }
