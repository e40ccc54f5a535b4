#include <core.p4>
header_union u_t { bit<8> f; }
