using System.Buffers.Binary;
using static P4Bpf.Runtime.Pcap.PcapLayout;

namespace P4Bpf.Runtime.Pcap;

/// <summary>Streams packets out of a classic pcap file (either byte order, µs or ns) or a simple pcapng file.</summary>
/// <remarks>
/// Never throws on malformed or truncated input: <see cref="TryOpen(Stream, out PcapReader?, out PcapError?, bool)"/>
/// and <see cref="TryReadNext"/> return a <see cref="PcapError"/> instead, and after an error every further read
/// returns the same error. The pcapng part lives in PcapReader_Ng.cs.
/// </remarks>
public sealed partial class PcapReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private long _offset;
    private PcapError? _error;

    private PcapReader(Stream stream, bool leaveOpen, PcapFileInfo info, long offset)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Info = info;
        _offset = offset;
    }

    /// <summary>The file header (for pcapng: the section and the first interface).</summary>
    public PcapFileInfo Info { get; private set; }

    /// <summary>Reads the file header; on failure the stream is left as it is (and disposed unless leaveOpen).</summary>
    public static bool TryOpen(Stream stream, out PcapReader? reader, out PcapError? error, bool leaveOpen = false)
    {
        reader = null;
        Span<byte> header = stackalloc byte[FileHeaderSize];
        int got;
        try
        {
            got = ReadFully(stream, header[..4]);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            error = new PcapError(PcapErrorKind.Io, 0, e.Message);
            return Fail(stream, leaveOpen);
        }
        if (got < 4)
        {
            error = new PcapError(PcapErrorKind.Truncated, 0, $"file is {got} bytes long, too short for a capture header");
            return Fail(stream, leaveOpen);
        }
        uint magicLe = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (magicLe == NgSectionHeader)
            return TryOpenNg(stream, leaveOpen, out reader, out error) || Fail(stream, leaveOpen);

        (bool bigEndian, PcapTimestampPrecision precision) = magicLe switch
        {
            MagicMicroseconds => (false, PcapTimestampPrecision.Microseconds),
            MagicNanoseconds => (false, PcapTimestampPrecision.Nanoseconds),
            _ when BinaryPrimitives.ReverseEndianness(magicLe) == MagicMicroseconds => (true, PcapTimestampPrecision.Microseconds),
            _ when BinaryPrimitives.ReverseEndianness(magicLe) == MagicNanoseconds => (true, PcapTimestampPrecision.Nanoseconds),
            _ => (false, (PcapTimestampPrecision)(-1)),
        };
        if ((int)precision < 0)
        {
            error = new PcapError(PcapErrorKind.BadMagic, 0, $"not a pcap or pcapng file (magic 0x{magicLe:x8})");
            return Fail(stream, leaveOpen);
        }
        if (!TryReadAt(stream, header[4..], 4, out error))
            return Fail(stream, leaveOpen);
        ushort major = U16(header[FileHeaderVersionMajor..], bigEndian);
        ushort minor = U16(header[FileHeaderVersionMinor..], bigEndian);
        if (major != 2)
        {
            error = new PcapError(PcapErrorKind.UnsupportedVersion, FileHeaderVersionMajor, $"unsupported pcap version {major}.{minor}");
            return Fail(stream, leaveOpen);
        }
        uint snapLength = U32(header[FileHeaderSnapLength..], bigEndian);
        var linkType = (PcapLinkType)(U32(header[FileHeaderLinkType..], bigEndian) & 0x0FFFFFFF);
        var info = new PcapFileInfo(PcapFormat.Pcap, bigEndian, precision, major, minor, snapLength, linkType);
        reader = new PcapReader(stream, leaveOpen, info, FileHeaderSize);
        return true;
    }

    /// <summary>Opens a file by path; a missing or unreadable file is an <see cref="PcapErrorKind.Io"/> error.</summary>
    public static bool TryOpen(string path, out PcapReader? reader, out PcapError? error)
    {
        reader = null;
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = new PcapError(PcapErrorKind.Io, 0, $"cannot open {path}: {e.Message}");
            return false;
        }
        return TryOpen(stream, out reader, out error);
    }

    /// <summary>Reads every record; stops at the end or at the first error, returning the records read so far.</summary>
    public static (IReadOnlyList<PcapRecord> Records, PcapError? Error) ReadAll(Stream stream, bool leaveOpen = false)
    {
        if (!TryOpen(stream, out var reader, out var error, leaveOpen))
            return ([], error);
        using (reader)
        {
            var records = new List<PcapRecord>();
            while (reader!.TryReadNext(out var record, out error))
                records.Add(record!);
            return (records, error);
        }
    }

    /// <summary>Reads the next packet. False at the end of the file (error null) or on a problem (error set).</summary>
    public bool TryReadNext(out PcapRecord? record, out PcapError? error)
    {
        record = null;
        error = _error;
        if (error is not null)
            return false;
        bool ok;
        try
        {
            ok = Info.Format == PcapFormat.PcapNg ? TryReadNextNg(out record, out error) : TryReadNextClassic(out record, out error);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            error = new PcapError(PcapErrorKind.Io, _offset, e.Message);
            ok = false;
        }
        _error = error;
        return ok;
    }

    private bool TryReadNextClassic(out PcapRecord? record, out PcapError? error)
    {
        record = null;
        error = null;
        long at = _offset;
        Span<byte> header = stackalloc byte[RecordHeaderSize];
        int got = ReadFully(_stream, header);
        if (got == 0)
            return false;
        if (got < RecordHeaderSize)
        {
            error = new PcapError(PcapErrorKind.Truncated, at, $"file ends inside a record header ({got} of {RecordHeaderSize} bytes)");
            return false;
        }
        bool be = Info.BigEndian;
        uint seconds = U32(header[RecordSeconds..], be);
        uint fraction = U32(header[RecordFraction..], be);
        uint captured = U32(header[RecordCapturedLength..], be);
        uint original = U32(header[RecordOriginalLength..], be);
        uint limit = Math.Max(Info.SnapLength, 262144u);
        if (captured > MaxRecordLength || captured > limit)
        {
            error = new PcapError(PcapErrorKind.BadLength, at, $"record claims {captured} captured bytes (snap length {Info.SnapLength})");
            return false;
        }
        var data = new byte[captured];
        int dataGot = ReadFully(_stream, data);
        if (dataGot < captured)
        {
            error = new PcapError(PcapErrorKind.Truncated, at, $"file ends inside a record ({dataGot} of {captured} bytes)");
            return false;
        }
        _offset += RecordHeaderSize + captured;
        long nanos = Info.Precision == PcapTimestampPrecision.Nanoseconds ? fraction : fraction * 1000L;
        record = new PcapRecord(seconds * 1_000_000_000L + nanos, (int)Math.Min(original, int.MaxValue), data, 0, Info.LinkType);
        return true;
    }

    public void Dispose()
    {
        if (!_leaveOpen)
            _stream.Dispose();
    }

    private static bool Fail(Stream stream, bool leaveOpen)
    {
        if (!leaveOpen)
            stream.Dispose();
        return false;
    }

    /// <summary>Fills buffer from the stream; offset is the file offset of buffer[0] (for the error).</summary>
    private static bool TryReadAt(Stream stream, Span<byte> buffer, long offset, out PcapError? error)
    {
        error = null;
        int got;
        try
        {
            got = ReadFully(stream, buffer);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            error = new PcapError(PcapErrorKind.Io, offset, e.Message);
            return false;
        }
        if (got < buffer.Length)
        {
            error = new PcapError(PcapErrorKind.Truncated, offset, $"file ends inside a header ({got} of {buffer.Length} bytes)");
            return false;
        }
        return true;
    }

    /// <summary>Reads until buffer is full or the stream ends; returns the number of bytes read.</summary>
    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n <= 0)
                break;
            total += n;
        }
        return total;
    }

    private static ushort U16(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    private static uint U32(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);
}
