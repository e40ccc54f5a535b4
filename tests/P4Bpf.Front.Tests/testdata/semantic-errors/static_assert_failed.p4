#include <core.p4>
const int W = 12;
const bool ok = static_assert(W % 8 == 0, "W must be whole bytes");
