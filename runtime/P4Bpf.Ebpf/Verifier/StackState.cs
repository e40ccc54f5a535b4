namespace P4Bpf.Ebpf.Verifier;

/// <summary>What one stack byte holds (the kernel's <c>STACK_*</c> slot types).</summary>
internal enum StackByte : byte
{
    /// <summary>Never written.</summary>
    Invalid,
    /// <summary>Written with some data.</summary>
    Misc,
    /// <summary>Known to be zero.</summary>
    Zero,
    /// <summary>Part of a spilled 8-byte register.</summary>
    Spill,
}

/// <summary>One frame's stack: per-byte kinds plus the registers spilled into 8-byte slots; grows as deeper offsets are written.</summary>
/// <remarks>Byte <c>i</c> is at <c>fp - 1 - i</c>; slot <c>s</c> covers bytes <c>8s .. 8s+7</c>, i.e. <c>fp - 8(s+1)</c>.</remarks>
internal sealed class StackState
{
    public const int MaxSize = 512;

    public StackByte[] Bytes = [];
    public RegState[] Spills = [];

    public int Allocated => Bytes.Length;

    public StackState Clone() => new() { Bytes = (StackByte[])Bytes.Clone(), Spills = (RegState[])Spills.Clone() };

    /// <summary>Makes sure bytes down to <c>fp - depth</c> exist.</summary>
    public void Grow(int depth)
    {
        var want = (depth + 7) / 8 * 8;
        if (want <= Bytes.Length)
        {
            return;
        }
        Array.Resize(ref Bytes, want);
        Array.Resize(ref Spills, want / 8);
    }

    /// <summary>The kind of the byte at frame offset <paramref name="off"/> (negative).</summary>
    public StackByte At(int off)
    {
        var i = -off - 1;
        return i < Bytes.Length ? Bytes[i] : StackByte.Invalid;
    }

    public static int SlotOf(int off) => (-off - 1) / 8;

    public bool Equals(StackState other)
    {
        var n = Math.Max(Bytes.Length, other.Bytes.Length);
        for (var i = 0; i < n; i++)
        {
            var a = i < Bytes.Length ? Bytes[i] : StackByte.Invalid;
            var b = i < other.Bytes.Length ? other.Bytes[i] : StackByte.Invalid;
            if (a != b)
            {
                return false;
            }
            if (a == StackByte.Spill && i % 8 == 0 && !Spills[i / 8].Equals(other.Spills[i / 8]))
            {
                return false;
            }
        }
        return true;
    }
}
