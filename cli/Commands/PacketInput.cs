using P4Bpf.Runtime.Pcap;

namespace P4Bpf.Cli.Commands;

/// <summary>Packets given on the command line: <c>--packet HEX</c> or <c>--pcap FILE</c> (shared by <c>exec</c> and <c>kernel-run</c>).</summary>
internal static class PacketInput
{
    /// <summary>Hex digits with optional <c>0x</c>, whitespace and colons.</summary>
    public static byte[] ParseHex(string text)
    {
        var digits = new string([.. text.Where(c => !char.IsWhiteSpace(c) && c != ':')]);
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }
        try
        {
            return Convert.FromHexString(digits);
        }
        catch (FormatException)
        {
            throw new CliException("--packet is not an even number of hex digits");
        }
    }

    /// <summary>Every packet of a pcap or pcapng file; a missing, malformed or empty file is a user error.</summary>
    public static List<byte[]> ReadPcap(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CliException($"no such file: {file.FullName}");
        }
        using var stream = file.OpenRead();
        var (records, error) = PcapReader.ReadAll(stream);
        if (error is not null)
        {
            throw new CliException($"{file.Name}: {error}");
        }
        if (records.Count == 0)
        {
            throw new CliException($"{file.Name}: no packets");
        }
        return [.. records.Select(r => r.Data)];
    }
}
