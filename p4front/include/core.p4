/*
 * core.p4 — the P4_16 core library, as written for p4bpf.
 *
 * Declares what every P4_16 program may use without naming an architecture:
 * the built-in error codes, the packet_in/packet_out externs used by parsers
 * and deparsers, verify(), NoAction, the basic match kinds and static_assert.
 * Signatures follow the P4_16 language specification ("P4 core library").
 */

#ifndef _CORE_P4_
#define _CORE_P4_

/* Error codes raised by the parser runtime; architectures and programs may add more. */
error {
    NoError,               // no error occurred
    PacketTooShort,        // extract/lookahead ran past the end of the packet
    NoMatch,               // a select expression had no matching case
    StackOutOfBounds,      // a header stack was indexed past its size
    HeaderTooShort,        // a varbit field was extracted with too many bits
    ParserTimeout,         // the parser exceeded its execution budget
    ParserInvalidArgument  // a parser operation received an unsupported argument
}

/* Match kinds every target understands. */
match_kind {
    exact,    // the field equals the key
    ternary,  // the field equals the key under a mask
    lpm       // longest-prefix match
}

/* The incoming packet, seen by a parser as a stream of bits. */
extern packet_in {
    /* Read a fixed-size header from the packet and make it valid. */
    void extract<T>(out T hdr);
    /* Read a header whose single varbit field is variableFieldSizeInBits long. */
    void extract<T>(out T variableSizeHeader, in bit<32> variableFieldSizeInBits);
    /* Peek at the next bits of the packet without consuming them. */
    T lookahead<T>();
    /* Skip sizeInBits bits of the packet. */
    void advance(in bit<32> sizeInBits);
    /* Total packet length in bytes (may be unavailable on some targets). */
    bit<32> length();
}

/* The outgoing packet, built by a deparser. */
extern packet_out {
    /* Append hdr (a header, stack, struct or union); invalid headers emit nothing. */
    void emit<T>(in T hdr);
}

/* In a parser: when check is false, stop parsing and report toSignal. */
extern void verify(in bool check, in error toSignal);

/* Compile-time assertion; the result is always true when compilation succeeds. */
extern bool static_assert(bool check, string message);
extern bool static_assert(bool check);

/* The empty action, used as the default action of tables that declare none. */
@noWarn("unused")
action NoAction() {}

#endif /* _CORE_P4_ */
