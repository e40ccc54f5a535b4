// A tiny stand-in for core.p4, written for these tests.
#ifndef MINI_CORE_P4
#define MINI_CORE_P4
error { NoError, PacketTooShort }
extern packet_in {
    void extract<T>(out T hdr);
    T lookahead<T>();
}
extern packet_out { void emit<T>(in T hdr); }
action NoAction() {}
match_kind { exact, ternary, lpm }
#endif
