#include <core.p4>
extern void get(out bit<8> v = 1);
