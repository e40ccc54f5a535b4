header h_t { bit<8> f; }
const bit<8> A = 8w0x1G;
/* never closed
