#include <core.p4>
extern Thing {
    bit<8> Thing();
}
