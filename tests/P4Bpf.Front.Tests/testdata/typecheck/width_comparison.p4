// the width of bit<...> may use '<', '==', '<<' and '?:' (not a bare '>')
const bit<4> a = 2;
const bit<a < 3 ? 5 : 4> b = 6;
const bit<(a > 1 ? 8 : 16)> c = 1;
const bit<1 << 3> d = 255;
