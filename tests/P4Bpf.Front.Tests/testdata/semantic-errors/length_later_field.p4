header Option {
    @length(len)
    varbit<64> data;
    bit<32> len;
}
