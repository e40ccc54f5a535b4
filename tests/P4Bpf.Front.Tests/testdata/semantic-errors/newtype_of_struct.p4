#include <core.p4>
struct s_t { bit<8> f; }
type s_t wrapped_t;
