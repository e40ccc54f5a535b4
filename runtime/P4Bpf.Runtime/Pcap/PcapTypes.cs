namespace P4Bpf.Runtime.Pcap;

/// <summary>Link-layer header types (tcpdump.org LINKTYPE_ values) we name; others pass through as numbers.</summary>
public enum PcapLinkType : uint
{
    Null = 0,
    Ethernet = 1,
    Raw = 101,
    LinuxSll = 113,
    Ipv4 = 228,
    Ipv6 = 229,
    LinuxSll2 = 276,
}

/// <summary>Which container a capture uses.</summary>
public enum PcapFormat
{
    /// <summary>Classic libpcap format (24-byte file header, 16-byte record headers).</summary>
    Pcap,
    /// <summary>pcapng (blocks; only section header, interface description, enhanced and simple packet blocks are used).</summary>
    PcapNg,
}

/// <summary>Timestamp resolution of a classic pcap file, chosen by its magic number.</summary>
public enum PcapTimestampPrecision
{
    /// <summary>Magic 0xa1b2c3d4: the sub-second field counts microseconds.</summary>
    Microseconds,
    /// <summary>Magic 0xa1b23c4d: the sub-second field counts nanoseconds.</summary>
    Nanoseconds,
}

/// <summary>What a capture file's header says; for pcapng, the first interface's link type and snap length.</summary>
public sealed record PcapFileInfo(
    PcapFormat Format,
    bool BigEndian,
    PcapTimestampPrecision Precision,
    ushort VersionMajor,
    ushort VersionMinor,
    uint SnapLength,
    PcapLinkType LinkType);

/// <summary>One captured packet.</summary>
/// <remarks>
/// <c>TimestampNanoseconds</c> counts from the Unix epoch. <c>Data</c> holds the captured bytes (at most the snap
/// length); <c>OriginalLength</c> is the length on the wire. <c>Interface</c> is the pcapng interface id (0 for pcap).
/// </remarks>
public sealed record PcapRecord(long TimestampNanoseconds, int OriginalLength, byte[] Data, int Interface = 0, PcapLinkType LinkType = PcapLinkType.Ethernet)
{
    /// <summary>The timestamp as a UTC date (100 ns resolution).</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch.AddTicks(TimestampNanoseconds / 100);

    /// <summary>True when fewer bytes were captured than were on the wire.</summary>
    public bool IsTruncated => Data.Length < OriginalLength;
}
