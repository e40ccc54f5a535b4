#include <core.p4>
const int Z = 0;
const int Q = 10 / Z;
