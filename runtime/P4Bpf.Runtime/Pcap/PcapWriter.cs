using System.Buffers.Binary;
using static P4Bpf.Runtime.Pcap.PcapLayout;

namespace P4Bpf.Runtime.Pcap;

/// <summary>Options for <see cref="PcapWriter"/>: link type, snap length, timestamp precision and byte order.</summary>
public sealed record PcapWriterOptions
{
    public PcapLinkType LinkType { get; init; } = PcapLinkType.Ethernet;

    /// <summary>Packets longer than this are truncated (the original length is kept in the record).</summary>
    public uint SnapLength { get; init; } = 262144;

    public PcapTimestampPrecision Precision { get; init; } = PcapTimestampPrecision.Microseconds;

    /// <summary>Write big-endian headers (readers must handle both; little-endian is the common case).</summary>
    public bool BigEndian { get; init; }
}

/// <summary>Writes a classic pcap file: the header on construction, then one record per <see cref="Write(ReadOnlySpan{byte}, long, int?)"/>.</summary>
public sealed class PcapWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;

    public PcapWriter(Stream stream, PcapWriterOptions? options = null, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Options = options ?? new PcapWriterOptions();
        Span<byte> header = stackalloc byte[FileHeaderSize];
        uint magic = Options.Precision == PcapTimestampPrecision.Nanoseconds ? MagicNanoseconds : MagicMicroseconds;
        W32(header, magic);
        W16(header[FileHeaderVersionMajor..], 2);
        W16(header[FileHeaderVersionMinor..], 4);
        W32(header[FileHeaderThisZone..], 0);
        W32(header[FileHeaderSigFigs..], 0);
        W32(header[FileHeaderSnapLength..], Options.SnapLength);
        W32(header[FileHeaderLinkType..], (uint)Options.LinkType);
        _stream.Write(header);
    }

    public PcapWriterOptions Options { get; }

    /// <summary>Creates (or overwrites) a file.</summary>
    public static PcapWriter Create(string path, PcapWriterOptions? options = null) => new(File.Create(path), options);

    /// <summary>Appends a packet; timestampNanoseconds counts from the Unix epoch; originalLength defaults to packet.Length.</summary>
    public void Write(ReadOnlySpan<byte> packet, long timestampNanoseconds, int? originalLength = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestampNanoseconds);
        int captured = (int)Math.Min((uint)packet.Length, Options.SnapLength);
        long seconds = timestampNanoseconds / 1_000_000_000;
        long nanos = timestampNanoseconds % 1_000_000_000;
        Span<byte> header = stackalloc byte[RecordHeaderSize];
        W32(header[RecordSeconds..], (uint)seconds);
        W32(header[RecordFraction..], (uint)(Options.Precision == PcapTimestampPrecision.Nanoseconds ? nanos : nanos / 1000));
        W32(header[RecordCapturedLength..], (uint)captured);
        W32(header[RecordOriginalLength..], (uint)(originalLength ?? packet.Length));
        _stream.Write(header);
        _stream.Write(packet[..captured]);
    }

    /// <summary>Appends a record (its data, timestamp and original length).</summary>
    public void Write(PcapRecord record) => Write(record.Data, record.TimestampNanoseconds, record.OriginalLength);

    public void Flush() => _stream.Flush();

    public void Dispose()
    {
        _stream.Flush();
        if (!_leaveOpen)
            _stream.Dispose();
    }

    private void W16(Span<byte> b, ushort v)
    {
        if (Options.BigEndian)
            BinaryPrimitives.WriteUInt16BigEndian(b, v);
        else
            BinaryPrimitives.WriteUInt16LittleEndian(b, v);
    }

    private void W32(Span<byte> b, uint v)
    {
        if (Options.BigEndian)
            BinaryPrimitives.WriteUInt32BigEndian(b, v);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(b, v);
    }
}
