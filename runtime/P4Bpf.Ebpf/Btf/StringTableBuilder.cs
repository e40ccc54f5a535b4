using System.Text;

namespace P4Bpf.Ebpf.Btf;

/// <summary>Builds a NUL-separated string table (BTF strings, ELF <c>.strtab</c>): offset 0 is the empty string, equal strings share one entry.</summary>
public sealed class StringTableBuilder
{
    private readonly Dictionary<string, uint> offsets = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly List<byte> bytes = [0];

    /// <summary>The table's current length in bytes.</summary>
    public int Length => bytes.Count;

    /// <summary>The offset of <paramref name="value"/>, adding it when new.</summary>
    public uint Add(string value)
    {
        if (offsets.TryGetValue(value, out var offset))
        {
            return offset;
        }
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"string '{value}' contains NUL", nameof(value));
        }
        offset = (uint)bytes.Count;
        bytes.AddRange(Encoding.UTF8.GetBytes(value));
        bytes.Add(0);
        offsets.Add(value, offset);
        return offset;
    }

    public byte[] ToArray() => [.. bytes];
}
