namespace P4Bpf.Runtime.Pcap;

/// <summary>Why a capture file could not be read (further).</summary>
public enum PcapErrorKind
{
    /// <summary>The stream failed (I/O error, not readable).</summary>
    Io,
    /// <summary>The first bytes are not a pcap or pcapng magic number.</summary>
    BadMagic,
    /// <summary>A pcap version other than 2.x.</summary>
    UnsupportedVersion,
    /// <summary>The file ends inside a header, record or block.</summary>
    Truncated,
    /// <summary>A record or block claims an implausible length.</summary>
    BadLength,
    /// <summary>A pcapng block is malformed (bad trailer, unknown interface, …).</summary>
    BadBlock,
}

/// <summary>A located problem in a capture file; Offset is the byte offset of the header or block at fault.</summary>
public sealed record PcapError(PcapErrorKind Kind, long Offset, string Message)
{
    public override string ToString() => $"{Kind} at offset {Offset}: {Message}";
}
