#include <core.p4>
control inner(inout bit<8> v) {
    apply { }
}
inner() i;
