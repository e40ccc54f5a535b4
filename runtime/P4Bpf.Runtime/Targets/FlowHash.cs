using System.Buffers.Binary;

namespace P4Bpf.Runtime.Targets;

/// <summary>Receive-side hashing: the 5-tuple of an IPv4/IPv6 TCP/UDP packet (addresses and protocol for other IP packets, the Ethernet
/// header otherwise), so every packet of a flow goes to the same worker, as a NIC's RSS does.</summary>
public static class FlowHash
{
    private const uint FnvOffset = 2166136261, FnvPrime = 16777619;

    /// <summary>The flow hash of <paramref name="packet"/>; never throws (short or odd packets hash what is there).</summary>
    public static uint Compute(ReadOnlySpan<byte> packet)
    {
        var h = FnvOffset;
        if (packet.Length < 14)
        {
            return Mix(h, packet);
        }
        var offset = 12;
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
        while (etherType is 0x8100 or 0x88A8 && packet.Length >= offset + 6)
        {
            offset += 4;
            etherType = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
        }
        offset += 2;
        int protocol, l4;
        if (etherType == 0x0800 && packet.Length >= offset + 20)
        {
            var ihl = (packet[offset] & 0x0f) * 4;
            protocol = packet[offset + 9];
            h = Mix(h, packet.Slice(offset + 12, 8));
            var fragment = (BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 6)..]) & 0x3fff) != 0;
            l4 = fragment || ihl < 20 ? -1 : offset + ihl;
        }
        else if (etherType == 0x86DD && packet.Length >= offset + 40)
        {
            protocol = packet[offset + 6];
            h = Mix(h, packet.Slice(offset + 8, 32));
            l4 = offset + 40;
        }
        else
        {
            return Mix(h, packet[..14]);
        }
        h = (h ^ (uint)protocol) * FnvPrime;
        if (l4 >= 0 && protocol is 6 or 17 or 132 && packet.Length >= l4 + 4)
        {
            h = Mix(h, packet.Slice(l4, 4));
        }
        return h;
    }

    private static uint Mix(uint h, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            h = (h ^ b) * FnvPrime;
        }
        return h;
    }
}
