namespace P4Bpf.Ebpf.Btf;

/// <summary>An integer type of <paramref name="Size"/> bytes.</summary>
public sealed record BtfInt(string Name, uint Size, BtfIntEncoding Encoding, byte Bits, byte BitOffset = 0) : BtfType
{
    public override BtfKind Kind => BtfKind.Int;

    /// <summary>An unsigned integer of <paramref name="size"/> bytes using all its bits.</summary>
    public static BtfInt Unsigned(string name, uint size) => new(name, size, BtfIntEncoding.None, (byte)(size * 8));

    /// <summary>A signed integer of <paramref name="size"/> bytes using all its bits.</summary>
    public static BtfInt Signed(string name, uint size) => new(name, size, BtfIntEncoding.Signed, (byte)(size * 8));
}
