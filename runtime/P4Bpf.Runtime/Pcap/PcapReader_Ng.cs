using System.Buffers.Binary;
using static P4Bpf.Runtime.Pcap.PcapLayout;

namespace P4Bpf.Runtime.Pcap;

public sealed partial class PcapReader
{
    /// <summary>A pcapng interface: link type, snap length and timestamp units per second.</summary>
    private readonly record struct NgInterface(PcapLinkType LinkType, uint SnapLength, long UnitsPerSecond);

    private readonly List<NgInterface> _interfaces = [];

    /// <summary>The magic (block type) was already read; reads the section header and blocks up to the first interface.</summary>
    private static bool TryOpenNg(Stream stream, bool leaveOpen, out PcapReader? reader, out PcapError? error)
    {
        reader = null;
        var placeholder = new PcapFileInfo(PcapFormat.PcapNg, false, PcapTimestampPrecision.Nanoseconds, 1, 0, 0, PcapLinkType.Ethernet);
        var r = new PcapReader(stream, leaveOpen, placeholder, 0);
        try
        {
            Span<byte> type = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(type, NgSectionHeader);
            if (!r.TryReadSectionHeader(0, type, out error))
                return false;
            while (r._interfaces.Count == 0)
            {
                if (!r.TryReadBlock(out uint blockType, out var body, out long at, out error))
                {
                    error ??= new PcapError(PcapErrorKind.Truncated, r._offset, "pcapng file has no interface description block");
                    return false;
                }
                if (blockType is NgEnhancedPacket or NgSimplePacket)
                {
                    error = new PcapError(PcapErrorKind.BadBlock, at, "packet block before any interface description block");
                    return false;
                }
                if (blockType == NgInterfaceDescription && !r.TryAddInterface(body, at, out error))
                    return false;
            }
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            error = new PcapError(PcapErrorKind.Io, r._offset, e.Message);
            return false;
        }
        var first = r._interfaces[0];
        r.Info = r.Info with { SnapLength = first.SnapLength, LinkType = first.LinkType };
        reader = r;
        return true;
    }

    private bool TryReadNextNg(out PcapRecord? record, out PcapError? error)
    {
        record = null;
        while (true)
        {
            if (!TryReadBlock(out uint type, out var body, out long at, out error))
                return false;
            switch (type)
            {
                case NgInterfaceDescription:
                    if (!TryAddInterface(body, at, out error))
                        return false;
                    break;
                case NgEnhancedPacket:
                    return TryEnhancedPacket(body, at, out record, out error);
                case NgSimplePacket:
                    return TrySimplePacket(body, at, out record, out error);
                default:
                    break; // statistics, name resolution, custom blocks: not needed
            }
        }
    }

    private bool TryEnhancedPacket(byte[] body, long at, out PcapRecord? record, out PcapError? error)
    {
        record = null;
        error = null;
        if (body.Length < 20)
            return BadBlock(at, "enhanced packet block is too short", out error);
        bool be = Info.BigEndian;
        uint iface = U32(body, be);
        ulong units = ((ulong)U32(body.AsSpan(4), be) << 32) | U32(body.AsSpan(8), be);
        uint captured = U32(body.AsSpan(12), be);
        uint original = U32(body.AsSpan(16), be);
        if (iface >= _interfaces.Count)
            return BadBlock(at, $"packet refers to interface {iface}, but only {_interfaces.Count} are described", out error);
        if (captured > body.Length - 20)
            return BadBlock(at, $"captured length {captured} exceeds the block", out error);
        var desc = _interfaces[(int)iface];
        Int128 exact = (Int128)units * 1_000_000_000 / desc.UnitsPerSecond;
        long nanos = exact > long.MaxValue ? long.MaxValue : (long)exact;
        record = new PcapRecord(nanos, (int)Math.Min(original, int.MaxValue), body.AsSpan(20, (int)captured).ToArray(), (int)iface, desc.LinkType);
        return true;
    }

    private bool TrySimplePacket(byte[] body, long at, out PcapRecord? record, out PcapError? error)
    {
        record = null;
        error = null;
        if (body.Length < 4)
            return BadBlock(at, "simple packet block is too short", out error);
        uint original = U32(body, Info.BigEndian);
        var desc = _interfaces[0];
        long captured = Math.Min(original, body.Length - 4);
        if (desc.SnapLength != 0)
            captured = Math.Min(captured, desc.SnapLength);
        record = new PcapRecord(0, (int)Math.Min(original, int.MaxValue), body.AsSpan(4, (int)captured).ToArray(), 0, desc.LinkType);
        return true;
    }

    private bool TryAddInterface(byte[] body, long at, out PcapError? error)
    {
        error = null;
        if (body.Length < 8)
            return BadBlock(at, "interface description block is too short", out error);
        bool be = Info.BigEndian;
        var linkType = (PcapLinkType)U16(body, be);
        uint snapLength = U32(body.AsSpan(4), be);
        long unitsPerSecond = 1_000_000;
        int pos = 8;
        while (pos + 4 <= body.Length)
        {
            ushort code = U16(body.AsSpan(pos), be);
            ushort length = U16(body.AsSpan(pos + 2), be);
            if (code == NgOptionEnd)
                break;
            if (pos + 4 + length > body.Length)
                return BadBlock(at, $"option {code} runs past the end of the interface description block", out error);
            if (code == NgOptionTimestampResolution && length >= 1)
            {
                byte resolution = body[pos + 4];
                int exponent = resolution & 0x7F;
                bool powerOfTwo = (resolution & 0x80) != 0;
                if ((powerOfTwo && exponent > 62) || (!powerOfTwo && exponent > 18))
                    return BadBlock(at, $"timestamp resolution 0x{resolution:x2} is out of range", out error);
                unitsPerSecond = powerOfTwo ? 1L << exponent : (long)Math.Pow(10, exponent);
            }
            pos += 4 + ((length + 3) & ~3);
        }
        _interfaces.Add(new NgInterface(linkType, snapLength, unitsPerSecond));
        return true;
    }

    /// <summary>Reads the rest of a section header whose first bytes (type, maybe length) are in prefix; sets the byte order and resets the interfaces.</summary>
    private bool TryReadSectionHeader(long at, ReadOnlySpan<byte> prefix, out PcapError? error)
    {
        Span<byte> head = stackalloc byte[12];
        prefix.CopyTo(head);
        if (!TryReadAt(_stream, head[prefix.Length..], at + prefix.Length, out error))
            return false;
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);
        bool be;
        if (magic == NgByteOrderMagic)
            be = false;
        else if (BinaryPrimitives.ReverseEndianness(magic) == NgByteOrderMagic)
            be = true;
        else
            return BadBlock(at, $"section header has a bad byte-order magic 0x{magic:x8}", out error);
        uint total = U32(head[4..], be);
        if (total < 28 || total % 4 != 0 || total > MaxRecordLength)
        {
            error = new PcapError(PcapErrorKind.BadLength, at, $"section header block length {total} is invalid");
            return false;
        }
        var rest = new byte[total - 12];
        if (!TryReadAt(_stream, rest, at + 12, out error))
            return false;
        if (U32(rest.AsSpan(rest.Length - 4), be) != total)
            return BadBlock(at, "section header block trailer length does not match", out error);
        ushort major = U16(rest, be), minor = U16(rest.AsSpan(2), be);
        if (major != 1)
        {
            error = new PcapError(PcapErrorKind.UnsupportedVersion, at, $"unsupported pcapng version {major}.{minor}");
            return false;
        }
        Info = Info with { BigEndian = be, VersionMajor = major, VersionMinor = minor };
        _interfaces.Clear();
        _offset = at + total;
        return true;
    }

    /// <summary>Reads one block (a new section header is handled here); false with error null at a clean end of file.</summary>
    private bool TryReadBlock(out uint type, out byte[] body, out long at, out PcapError? error)
    {
        body = [];
        error = null;
        Span<byte> head = stackalloc byte[NgBlockHeaderSize];
        while (true)
        {
            at = _offset;
            int got = ReadFully(_stream, head);
            type = 0;
            if (got == 0)
                return false;
            if (got < NgBlockHeaderSize)
            {
                error = new PcapError(PcapErrorKind.Truncated, at, $"file ends inside a block header ({got} of {NgBlockHeaderSize} bytes)");
                return false;
            }
            bool be = Info.BigEndian;
            type = U32(head, be);
            if (type == NgSectionHeader)
            {
                if (!TryReadSectionHeader(at, head, out error))
                    return false;
                continue;
            }
            uint total = U32(head[4..], be);
            if (total < NgMinBlockSize || total % 4 != 0 || total > MaxRecordLength)
            {
                error = new PcapError(PcapErrorKind.BadLength, at, $"block length {total} is invalid");
                return false;
            }
            var block = new byte[total - NgBlockHeaderSize];
            if (!TryReadAt(_stream, block, at + NgBlockHeaderSize, out error))
                return false;
            if (U32(block.AsSpan(block.Length - 4), be) != total)
                return BadBlock(at, $"block trailer length does not match {total}", out error);
            _offset = at + total;
            body = block[..^4];
            return true;
        }
    }

    private static bool BadBlock(long at, string message, out PcapError? error)
    {
        error = new PcapError(PcapErrorKind.BadBlock, at, message);
        return false;
    }
}
