namespace P4Bpf.Ebpf.Isa;

/// <summary>One of the eleven eBPF registers: r0 (return value), r1–r5 (arguments), r6–r9 (callee-saved), r10 (read-only frame pointer).</summary>
public readonly record struct Register(byte Index)
{
    public static readonly Register R0 = new(0);
    public static readonly Register R1 = new(1);
    public static readonly Register R2 = new(2);
    public static readonly Register R3 = new(3);
    public static readonly Register R4 = new(4);
    public static readonly Register R5 = new(5);
    public static readonly Register R6 = new(6);
    public static readonly Register R7 = new(7);
    public static readonly Register R8 = new(8);
    public static readonly Register R9 = new(9);
    public static readonly Register R10 = new(10);

    /// <summary>The frame pointer.</summary>
    public static Register Fp => R10;

    /// <summary>Number of architectural registers.</summary>
    public const int Count = 11;

    /// <summary>True for r0–r10 (the wire field has four bits, so 11–15 can appear in bad input).</summary>
    public bool IsValid => Index <= 10;

    public override string ToString() => $"r{Index}";
}
