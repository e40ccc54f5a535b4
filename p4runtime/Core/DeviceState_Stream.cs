using System.Numerics;
using Google.Protobuf;
using Google.Rpc;
using P4.Config.V1;
using P4.V1;

namespace P4Bpf.P4Runtime.Core;

public sealed partial class DeviceState
{
    private readonly DigestBuffer digests = new();

    /// <summary>PacketOut from the primary: checks the metadata against the P4Info packet_out header, prepends that header and injects the packet.</summary>
    /// <exception cref="P4RuntimeException">INVALID_ARGUMENT for bad metadata, FAILED_PRECONDITION without a pipeline.</exception>
    public void SendPacketOut(PacketOut packet)
    {
        IP4Device device;
        byte[] bytes;
        rw.EnterReadLock();
        try
        {
            var state = active ?? throw new P4RuntimeException(Code.FailedPrecondition, "no forwarding pipeline config has been set");
            device = state.Device ?? throw new P4RuntimeException(Code.FailedPrecondition, "the pipeline is saved but not committed");
            bytes = BuildPacketOut(state.Schema.PacketOut, packet);
        }
        finally
        {
            rw.ExitReadLock();
        }
        try
        {
            device.SendPacketOut(bytes);
        }
        catch (DeviceException ex)
        {
            throw new P4RuntimeException(CodeOf(ex), ex.Message);
        }
    }

    internal static byte[] BuildPacketOut(ControllerPacketMetadata? header, PacketOut packet)
    {
        if (header is null)
        {
            if (packet.Metadata.Count > 0)
            {
                throw P4RuntimeException.Invalid("the program has no packet_out header, but the PacketOut has metadata");
            }
            return packet.Payload.ToByteArray();
        }
        BigInteger bits = 0;
        var total = 0;
        foreach (var m in header.Metadata)
        {
            var given = packet.Metadata.Where(x => x.MetadataId == m.Id).ToList();
            if (given.Count != 1)
            {
                throw P4RuntimeException.Invalid($"PacketOut needs exactly one value for metadata {m.Name} (id {m.Id})");
            }
            bits = (bits << m.Bitwidth) | ByteStrings.Parse(given[0].Value, m.Bitwidth, $"packet_out metadata {m.Name}");
            total += m.Bitwidth;
        }
        if (packet.Metadata.Any(x => header.Metadata.All(m => m.Id != x.MetadataId)))
        {
            throw P4RuntimeException.Invalid("PacketOut has metadata ids that are not in the packet_out header");
        }
        var headerBytes = (total + 7) / 8;
        bits <<= (8 * headerBytes) - total;
        var result = new byte[headerBytes + packet.Payload.Length];
        var raw = bits.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (!bits.IsZero)
        {
            raw.CopyTo(result, headerBytes - raw.Length);
        }
        packet.Payload.Span.CopyTo(result.AsSpan(headerBytes));
        return result;
    }

    internal static PacketIn ParsePacketIn(ControllerPacketMetadata? header, byte[] packet)
    {
        var result = new PacketIn();
        if (header is null)
        {
            result.Payload = ByteString.CopyFrom(packet);
            return result;
        }
        var total = header.Metadata.Sum(m => m.Bitwidth);
        var headerBytes = (total + 7) / 8;
        if (packet.Length < headerBytes)
        {
            result.Payload = ByteString.CopyFrom(packet);
            return result;
        }
        var bits = new BigInteger(packet.AsSpan(0, headerBytes), isUnsigned: true, isBigEndian: true) >> ((8 * headerBytes) - total);
        var shift = total;
        foreach (var m in header.Metadata)
        {
            shift -= m.Bitwidth;
            var v = (bits >> shift) & ((BigInteger.One << m.Bitwidth) - 1);
            result.Metadata.Add(new PacketMetadata { MetadataId = m.Id, Value = ByteStrings.Canonical(v) });
        }
        result.Payload = ByteString.CopyFrom(packet.AsSpan(headerBytes));
        return result;
    }

    private void OnPacketIn(byte[] packet)
    {
        ControllerPacketMetadata? header;
        rw.EnterReadLock();
        try
        {
            header = active?.Schema.PacketIn;
        }
        finally
        {
            rw.ExitReadLock();
        }
        PacketIn?.Invoke(ParsePacketIn(header, packet));
    }

    private void OnDigest(string name, byte[] value)
    {
        Digest? digest;
        DigestEntry.Types.Config? config;
        EbpfGen.Layout.DigestLayout? layout;
        rw.EnterReadLock();
        try
        {
            (digest, layout) = active is not null && active.Schema.DigestStreams.TryGetValue(name, out var stream) ? stream : (null, null);
            config = digest is not null && active!.Digests.TryGetValue(digest.Preamble.Id, out var c) ? c : null;
        }
        finally
        {
            rw.ExitReadLock();
        }
        if (digest is null || config is null || layout is null)
        {
            return; // Digests are not generated before a DigestEntry enables them (§9.10).
        }
        var data = DigestData(layout, value, asTuple: digest.TypeSpec?.TypeSpecCase == P4.Config.V1.P4DataTypeSpec.TypeSpecOneofCase.Tuple);
        digests.Add(digest.Preamble.Id, config, data, list => DigestList?.Invoke(list));
    }

    /// <summary>The digest struct (host layout per the manifest) as a P4Data struct (or tuple, for a data type without a name) of bitstrings in field order.</summary>
    internal static P4Data DigestData(EbpfGen.Layout.DigestLayout layout, byte[] value, bool asTuple = false)
    {
        var s = new P4StructLike();
        foreach (var f in layout.Fields)
        {
            if (f.Offset + f.Size > value.Length)
            {
                break;
            }
            var v = EbpfGen.Layout.TableEntryEncoder.ReadField(value, f.Offset, f.Size, f.Width, f.Encoding);
            s.Members.Add(f.Encoding == EbpfGen.Layout.FieldEncoding.Bool ? new P4Data { Bool = !v.IsZero } : new P4Data { Bitstring = ByteStrings.Canonical(v) });
        }
        return asTuple ? new P4Data { Tuple = s } : new P4Data { Struct = s };
    }

    /// <summary>DigestListAck from the primary: clears the list from the ack cache; an unknown digest id is INVALID_ARGUMENT.</summary>
    public void AckDigest(DigestListAck ack)
    {
        rw.EnterReadLock();
        try
        {
            if (active is null || !active.Schema.Digests.ContainsKey(ack.DigestId))
            {
                throw P4RuntimeException.Invalid($"no digest with id {ack.DigestId}");
            }
        }
        finally
        {
            rw.ExitReadLock();
        }
        digests.Ack(ack.DigestId, ack.ListId);
    }
}
