namespace P4Bpf.Ebpf.Isa;

/// <summary>Atomic operations, with the wire immediate values (RFC 9669 §5.3).</summary>
public enum AtomicOp : int
{
    Add = 0x00,
    Or = 0x40,
    And = 0x50,
    Xor = 0xa0,
    /// <summary>Flag: return the old value in the source register.</summary>
    Fetch = 0x01,
    FetchAdd = Add | Fetch,
    FetchOr = Or | Fetch,
    FetchAnd = And | Fetch,
    FetchXor = Xor | Fetch,
    /// <summary>Exchange (always fetches).</summary>
    Xchg = 0xe0 | Fetch,
    /// <summary>Compare with r0 and exchange; r0 receives the old value.</summary>
    CmpXchg = 0xf0 | Fetch,
}
