namespace P4Bpf.Runtime.Pcap;

/// <summary>Byte layout constants of pcap and pcapng.</summary>
internal static class PcapLayout
{
    public const uint MagicMicroseconds = 0xa1b2c3d4;
    public const uint MagicNanoseconds = 0xa1b23c4d;

    public const int FileHeaderSize = 24;
    public const int FileHeaderVersionMajor = 4;
    public const int FileHeaderVersionMinor = 6;
    public const int FileHeaderThisZone = 8;
    public const int FileHeaderSigFigs = 12;
    public const int FileHeaderSnapLength = 16;
    public const int FileHeaderLinkType = 20;

    public const int RecordHeaderSize = 16;
    public const int RecordSeconds = 0;
    public const int RecordFraction = 4;
    public const int RecordCapturedLength = 8;
    public const int RecordOriginalLength = 12;

    /// <summary>The largest record or block we accept; libpcap's own limit for packets is 256 KiB, pcapng's blocks may be larger.</summary>
    public const int MaxRecordLength = 64 * 1024 * 1024;

    public const uint NgSectionHeader = 0x0A0D0D0A;
    public const uint NgInterfaceDescription = 0x00000001;
    public const uint NgSimplePacket = 0x00000003;
    public const uint NgEnhancedPacket = 0x00000006;
    public const uint NgByteOrderMagic = 0x1A2B3C4D;
    public const int NgBlockHeaderSize = 8;
    public const int NgMinBlockSize = 12;
    public const ushort NgOptionEnd = 0;
    public const ushort NgOptionTimestampResolution = 9;
}
