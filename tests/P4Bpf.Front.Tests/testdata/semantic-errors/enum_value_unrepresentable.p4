#include <core.p4>
enum bit<4> Small { A = 1, B = 300 }
