using System.Buffers.Binary;

namespace P4Bpf.Ebpf.Elf;

/// <summary>Reads fixed-size fields of untrusted binary data at explicit offsets, in a chosen byte order.</summary>
/// <remarks>Every read is bounds-checked; out-of-range reads throw <see cref="TruncatedDataException"/>, which the public entry points turn into their typed error.</remarks>
internal readonly ref struct SpanReader(ReadOnlySpan<byte> data, bool bigEndian)
{
    private readonly ReadOnlySpan<byte> data = data;

    public int Length => data.Length;

    public bool BigEndian => bigEndian;

    public ReadOnlySpan<byte> Data => data;

    /// <summary>True when <paramref name="length"/> bytes at <paramref name="offset"/> are inside the data.</summary>
    public bool Fits(long offset, long length) => offset >= 0 && length >= 0 && offset <= data.Length && length <= data.Length - offset;

    public ReadOnlySpan<byte> Slice(long offset, long length)
    {
        Check(offset, length);
        return data.Slice((int)offset, (int)length);
    }

    public byte U8(long offset)
    {
        Check(offset, 1);
        return data[(int)offset];
    }

    public ushort U16(long offset)
    {
        var s = Slice(offset, 2);
        return bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
    }

    public uint U32(long offset)
    {
        var s = Slice(offset, 4);
        return bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
    }

    public int I32(long offset) => unchecked((int)U32(offset));

    public ulong U64(long offset)
    {
        var s = Slice(offset, 8);
        return bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s);
    }

    /// <summary>The NUL-terminated ASCII/UTF-8 string at <paramref name="offset"/>.</summary>
    public string CString(long offset)
    {
        Check(offset, 0);
        var rest = data[(int)offset..];
        var end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            throw new TruncatedDataException(offset, rest.Length + 1, data.Length);
        }
        return System.Text.Encoding.UTF8.GetString(rest[..end]);
    }

    private void Check(long offset, long length)
    {
        if (!Fits(offset, length))
        {
            throw new TruncatedDataException(offset, length, data.Length);
        }
    }
}

/// <summary>A read past the end of a buffer; internal, always translated to <see cref="ElfException"/> or <c>BtfException</c>.</summary>
internal sealed class TruncatedDataException(long offset, long length, int available)
    : Exception($"{length} bytes at offset {offset} are past the end of the data ({available} bytes)");
