struct hs { bit<8> x; bit<8>[4] arr; }
action a(inout hs h) {
    for (bit<8> i = 0, bit<8> j = 1; i < 4; i = i + 1, j = j + 1) {
        if (i == 2) { continue; }
        if (j == 4) { break; }
        h.arr[i] = j;
    }
    for (bit<8> v in h.arr) { h.x = h.x + v; }
    for (bit<8> k in 1 .. 3) { h.x = h.x + k; }
    @atomic { h.x = 0; }
    const bit<8> c = 3;
    bit<8> y;
    y = c;
    h.x = this.y;
}
