using System.Runtime.CompilerServices;

namespace P4Bpf.Ebpf.Helpers;

/// <summary>The kernel's ones'-complement checksum primitives (include/net/checksum.h), on values as loaded from memory (byte order preserved).</summary>
public static class Checksum
{
    /// <summary><c>csum_add</c>: 32-bit ones'-complement addition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Add(uint a, uint b)
    {
        var r = a + b;
        return r + (r < b ? 1u : 0u);
    }

    /// <summary><c>csum_sub</c>.</summary>
    public static uint Sub(uint a, uint b) => Add(a, ~b);

    /// <summary><c>csum_fold</c>: folds a 32-bit sum into the complemented 16-bit checksum.</summary>
    public static ushort Fold(uint sum)
    {
        sum = (sum & 0xffff) + (sum >> 16);
        sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }

    /// <summary><c>csum_partial</c>: the 32-bit ones'-complement sum of <paramref name="data"/> (little-endian words, as x86 loads them) plus <paramref name="seed"/>.</summary>
    public static uint Partial(ReadOnlySpan<byte> data, uint seed)
    {
        ulong sum = seed;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            sum += System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data[i..]);
        }
        if (i + 2 <= data.Length)
        {
            sum += System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(data[i..]);
            i += 2;
        }
        if (i < data.Length)
        {
            sum += data[i];
        }
        sum = (sum & 0xffffffff) + (sum >> 32);
        sum = (sum & 0xffffffff) + (sum >> 32);
        return (uint)sum;
    }

    /// <summary><c>csum_replace4</c>: updates the 16-bit checksum for a 32-bit field changing from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static ushort Replace4(ushort check, uint from, uint to)
    {
        var tmp = Sub(~(uint)check, from);
        return Fold(Add(tmp, to));
    }

    /// <summary><c>csum_replace2</c> (16-bit field), computed as the kernel does with 16-bit ones'-complement arithmetic.</summary>
    public static ushort Replace2(ushort check, ushort from, ushort to) =>
        (ushort)~Add16(Sub16((ushort)~check, from), to);

    /// <summary><c>csum_replace_by_diff</c>: applies a 32-bit checksum difference (from <c>bpf_csum_diff</c>).</summary>
    public static ushort ReplaceByDiff(ushort check, uint diff) => Fold(Add(diff, ~(uint)check));

    private static ushort Add16(ushort a, ushort b)
    {
        var r = (ushort)(a + b);
        return (ushort)(r + (r < b ? 1 : 0));
    }

    private static ushort Sub16(ushort a, ushort b) => Add16(a, (ushort)~b);
}
