using P4Bpf.Ebpf.Elf;

namespace P4Bpf.Ebpf.Btf;

/// <summary>The header of a <c>.BTF.ext</c> section: where function info, line info and CO-RE relocations are.</summary>
public sealed record BtfExtInfo(uint FuncInfoLength, uint LineInfoLength, uint CoreRelocationLength)
{
    private const int MinHeaderSize = 24;
    private const int CoreHeaderSize = 32;

    /// <summary>Parses the header of a <c>.BTF.ext</c> blob.</summary>
    /// <exception cref="ElfException">The header is malformed.</exception>
    public static BtfExtInfo Parse(ReadOnlySpan<byte> data, bool bigEndian)
    {
        var r = new SpanReader(data, bigEndian);
        if (data.Length < MinHeaderSize || r.U16(0) != BtfLayout.Magic)
        {
            throw new ElfException("section '.BTF.ext': bad magic or shorter than its header");
        }
        var headerLength = r.U32(4);
        if (headerLength < MinHeaderSize || headerLength > data.Length)
        {
            throw new ElfException($"section '.BTF.ext': bad header length {headerLength}");
        }
        var funcLength = r.U32(12);
        var lineLength = r.U32(20);
        var coreLength = headerLength >= CoreHeaderSize ? r.U32(28) : 0;
        foreach (var (offset, length, what) in new[] { (r.U32(8), funcLength, "function info"), (r.U32(16), lineLength, "line info"), (headerLength >= CoreHeaderSize ? r.U32(24) : 0, coreLength, "CO-RE relocations") })
        {
            if (length != 0 && !r.Fits((long)headerLength + offset, length))
            {
                throw new ElfException($"section '.BTF.ext': {what} ({length} bytes at {offset}) is outside the section");
            }
        }
        // Each sub-section starts with a record size; a CO-RE section holding only that is empty.
        return new BtfExtInfo(funcLength, lineLength, coreLength > 4 ? coreLength : 0);
    }
}
