const bit<8> A = 8w0xFF;
const int<8> B = -8s3;
const bit<16> C = 16w0b1010_1010 + 0o17 + 0d99;
const bool D = !(A == 1) && A != 2 || false;
const bit<8> E = A |+| 1 |-| 2;
const bit<16> F = A ++ 8w1;
const bit<8> G = (A >> 2) << 1 >= 3 ? A[7:4] ++ A[3:0] : (bit<8>)(A & ~A ^ A | A);
const bit<8> H = A * 2 / 1 % 3 - +4;
const bool I = A < 4 && A > 2 && A <= 5 && A >= 1;
struct s_t { bit<8> a; bit<8> b; }
const s_t S = { a = 1, b = 2 };
const s_t S2 = { a = 1, ... };
const tuple<bit<8>, bit<8>> T = { 1, 2, };
const error X = error.NoError;
const string Str = "a \" quoted \\ string";
