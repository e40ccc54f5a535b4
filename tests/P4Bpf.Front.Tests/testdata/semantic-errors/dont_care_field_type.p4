#include <core.p4>
struct s_t { tuple<bit<8>, _> f; }
