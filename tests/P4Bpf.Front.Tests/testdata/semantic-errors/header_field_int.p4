#include <core.p4>
header h_t { int f; }
