using System.Numerics;
using P4Bpf.EbpfGen;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.EbpfGen.Tests.Harness;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>Compiles the P4 programs under testdata/compile through the whole chain and runs them in the interpreter harness.</summary>
internal static class TestCompiler
{
    public static string Directory => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.Midend.Tests", "testdata", "compile");

    public static string PathOf(string name) => Path.Combine(Directory, name + ".p4");

    public static CompilationResult Compile(string name)
    {
        var result = P4Compiler.CompileFile(PathOf(name));
        result.Errors.Should().BeEmpty();
        result.Success.Should().BeTrue();
        return result;
    }

    public static PipelineRunner Runner(string name) => new(Compile(name).Code!);

    public static void SetStateField(PipelineRunner run, string slot, string field, BigInteger value)
    {
        var s = run.Layout.State.Slot(slot);
        var f = s.Fields!.First(x => x.Name == field);
        var map = run.Map(run.Layout.State.Map);
        var state = map.Read(new byte[4]);
        TableEntryEncoder.WriteField(state, s.Offset + f.Offset, f.Size, f.Width, f.Encoding, value);
        map.Update(new byte[4], state);
    }

    /// <summary>A u32/u64 cell of a counter or register map at an index.</summary>
    public static ulong Cell(PipelineRunner run, string map, uint index, int offset = 0, int size = 8)
    {
        var value = run.Map(map).Read(BitConverter.GetBytes(index));
        return size switch
        {
            1 => value[offset],
            4 => BitConverter.ToUInt32(value, offset),
            _ => BitConverter.ToUInt64(value, offset),
        };
    }
}

/// <summary>Test packets: Ethernet + IPv4 (20 bytes, no options) + payload.</summary>
internal static class Packets
{
    public static readonly byte[] DstMac = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55];
    public static readonly byte[] SrcMac = [0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb];

    public static uint Ip(byte a, byte b, byte c, byte d) => (uint)(a << 24 | b << 16 | c << 8 | d);

    public static byte[] Ipv4(uint dst, uint src = 0x0a000001, byte ttl = 64, byte protocol = 17, byte version = 4, int payload = 8)
    {
        var p = new byte[14 + 20 + payload];
        DstMac.CopyTo(p, 0);
        SrcMac.CopyTo(p, 6);
        p[12] = 0x08;
        p[13] = 0x00;
        p[14] = (byte)(version << 4 | 5);
        p[17] = (byte)(20 + payload);
        p[22] = ttl;
        p[23] = protocol;
        Write(p, 26, src);
        Write(p, 30, dst);
        for (var i = 0; i < payload; i++)
        {
            p[34 + i] = (byte)(0xa0 + i);
        }
        return p;
    }

    public static byte[] Arp()
    {
        var p = Ipv4(0x0a000002);
        p[12] = 0x08;
        p[13] = 0x06;
        return p;
    }

    private static void Write(byte[] p, int offset, uint v)
    {
        p[offset] = (byte)(v >> 24);
        p[offset + 1] = (byte)(v >> 16);
        p[offset + 2] = (byte)(v >> 8);
        p[offset + 3] = (byte)v;
    }
}
