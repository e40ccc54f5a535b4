#include <core.p4>
const bit<8> N = 2;
@ok[1, "s", true, N + 1]
@okkv[k = 1, s = "a" ++ "b", last = false,]
@list[a = { 2, 3 }]
control c() { apply { } }
@mixed[k = 4, 5]
control d() { apply { } }
@dupkey[k = 1, k = 2]
control e() { apply { } }
