header h_t {
    bit<8> f
}
struct s_t { bit<8> g; }
