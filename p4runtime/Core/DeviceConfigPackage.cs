using System.Buffers.Binary;
using System.Text;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Objects;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.P4Runtime.Core;

/// <summary>What p4bpf puts in <c>ForwardingPipelineConfig.p4_device_config</c>: the compiled ELF object and its layout manifest.</summary>
/// <remarks>
/// Packing (little-endian): magic <c>"P4BPFCFG"</c> (8 bytes), u32 version (1), u32 ELF length, the ELF bytes,
/// u32 layout length, the layout JSON (UTF-8). The legacy PI wrapper <c>p4.tmp.P4DeviceConfig</c> is accepted around it
/// (its <c>device_data</c> holds the package).
/// </remarks>
public sealed record DeviceConfigPackage(byte[] Elf, string LayoutJson)
{
    public const int Version = 1;
    private static readonly byte[] Magic = "P4BPFCFG"u8.ToArray();

    public byte[] ToBytes()
    {
        var layout = Encoding.UTF8.GetBytes(LayoutJson);
        var bytes = new byte[8 + 4 + 4 + Elf.Length + 4 + layout.Length];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), Version);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), (uint)Elf.Length);
        Elf.CopyTo(bytes, 16);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16 + Elf.Length), (uint)layout.Length);
        layout.CopyTo(bytes, 20 + Elf.Length);
        return bytes;
    }

    /// <summary>Unpacks a package (bare or inside <c>p4.tmp.P4DeviceConfig</c>); a malformed one gives INVALID_ARGUMENT.</summary>
    public static DeviceConfigPackage Parse(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.StartsWith(Magic))
        {
            P4.Tmp.P4DeviceConfig? wrapper = null;
            try
            {
                wrapper = P4.Tmp.P4DeviceConfig.Parser.ParseFrom(bytes);
            }
            catch (Google.Protobuf.InvalidProtocolBufferException)
            {
            }
            if (wrapper is { DeviceData.Length: > 0 } && wrapper.DeviceData.Span.StartsWith(Magic))
            {
                return Parse(wrapper.DeviceData.Span);
            }
            throw P4RuntimeException.Invalid("p4_device_config is not a p4bpf device config (expected the P4BPFCFG package, bare or in p4.tmp.P4DeviceConfig)");
        }
        if (bytes.Length < 20 || BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]) != Version)
        {
            throw P4RuntimeException.Invalid("p4_device_config: truncated header or unknown version");
        }
        var elfLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]);
        if (elfLength > bytes.Length - 20)
        {
            throw P4RuntimeException.Invalid("p4_device_config: ELF length past the end");
        }
        var elf = bytes.Slice(16, (int)elfLength).ToArray();
        var layoutLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(16 + (int)elfLength)..]);
        if (layoutLength != bytes.Length - 20 - elfLength)
        {
            throw P4RuntimeException.Invalid("p4_device_config: layout length does not match the package size");
        }
        return new DeviceConfigPackage(elf, Encoding.UTF8.GetString(bytes[(20 + (int)elfLength)..]));
    }

    /// <summary>Reads the ELF object and the layout; malformed contents give INVALID_ARGUMENT.</summary>
    public (ObjectSpec Object, LayoutManifest Layout) Load()
    {
        ObjectSpec obj;
        try
        {
            obj = ElfReader.Read(Elf);
        }
        catch (Exception ex) when (ex is ElfException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw P4RuntimeException.Invalid("p4_device_config: bad ELF object: " + ex.Message);
        }
        try
        {
            return (obj, LayoutManifest.FromJson(LayoutJson));
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw P4RuntimeException.Invalid("p4_device_config: bad layout manifest: " + ex.Message);
        }
    }
}
