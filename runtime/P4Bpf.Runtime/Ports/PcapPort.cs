using P4Bpf.Runtime.Pcap;

namespace P4Bpf.Runtime.Ports;

/// <summary>A port that reads its inbound packets from a pcap/pcapng file and writes what it sends to another pcap file (BMv2's <c>--use-files</c> style).</summary>
public sealed class PcapPort : IPacketPort
{
    private readonly PcapReader? _reader;
    private readonly PcapWriter? _writer;

    /// <summary>Opens the files; throws <see cref="IOException"/> with the pcap error for a bad input file.</summary>
    public PcapPort(int number, string? inputPath, string? outputPath)
    {
        Number = number;
        if (inputPath is not null)
        {
            if (!PcapReader.TryOpen(inputPath, out _reader, out var error))
            {
                throw new IOException($"{inputPath}: {error}");
            }
        }
        if (outputPath is not null)
        {
            _writer = PcapWriter.Create(outputPath);
        }
    }

    public int Number { get; }

    public bool TryReceive(out byte[] packet)
    {
        packet = [];
        if (_reader is null || !_reader.TryReadNext(out var record, out var error) || record is null)
        {
            return false;
        }
        packet = record.Data;
        return error is null;
    }

    public void Send(ReadOnlySpan<byte> packet) =>
        _writer?.Write(packet, (long)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalNanoseconds);

    public void Dispose()
    {
        _reader?.Dispose();
        _writer?.Dispose();
    }
}
