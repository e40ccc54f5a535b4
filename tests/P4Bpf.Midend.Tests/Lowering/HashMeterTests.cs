using P4Bpf.EbpfGen.Layout;
using P4Bpf.EbpfGen.Tests.Harness;
using static P4Bpf.Midend.Tests.Lowering.Packets;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>v1model <c>hash()</c>/<c>meter</c> and PSA <c>Hash</c>/<c>Meter</c> lowered from P4 and run in the interpreter harness.</summary>
public sealed class HashMeterTests
{
    private static uint Crc32(byte[] data)
    {
        var crc = 0xffffffffu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }

    private static ushort Crc16(byte[] data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
        }
        return (ushort)crc;
    }

    private static ushort Xor16(byte[] data)
    {
        var x = 0;
        for (var i = 0; i < data.Length; i += 2)
        {
            x ^= data[i] << 8 | (i + 1 < data.Length ? data[i + 1] : 0);
        }
        return (ushort)x;
    }

    private static ushort U16(byte[] p, int at) => (ushort)(p[at] << 8 | p[at + 1]);

    private static uint U32(byte[] p, int at) => (uint)(p[at] << 24 | p[at + 1] << 16 | p[at + 2] << 8 | p[at + 3]);

    /// <summary>Configures a packet meter cell: committed and peak rates (per second) and bursts.</summary>
    private static void ConfigureMeter(PipelineRunner run, string meter, uint index, ulong cir, ulong cburst, ulong pir, ulong pburst)
    {
        var layout = run.Layout.Meters.First(m => m.Name == meter);
        var value = new byte[layout.ValueSize];
        BitConverter.GetBytes(pir).CopyTo(value, MeterState.PirOffset);
        BitConverter.GetBytes(pburst).CopyTo(value, MeterState.PburstOffset);
        BitConverter.GetBytes(cir).CopyTo(value, MeterState.CirOffset);
        BitConverter.GetBytes(cburst).CopyTo(value, MeterState.CburstOffset);
        run.Map(layout.Map).Update(BitConverter.GetBytes(index), value);
    }

    [Fact]
    public void V1Hash_AllAlgorithms_AndMeterColours()
    {
        using var run = TestCompiler.Runner("v1_hash_meter");
        ConfigureMeter(run, "MyIngress.rate", 2, cir: 1, cburst: 2, pir: 2, pburst: 3);
        var packet = Ipv4(Ip(192, 168, 7, 9), protocol: 17);
        byte[] data = [192, 168, 7, 9, 17];
        var colours = new List<byte>();
        for (var i = 0; i < 4; i++)
        {
            run.Run("ingress", packet);
            var output = run.Run("egress", packet).Packet;
            U32(output, 26).Should().Be(Crc32(data));
            U16(output, 18).Should().Be(Crc16(data));
            U16(output, 24).Should().Be(Xor16(data));
            U16(output, 16).Should().Be(100 + (17 % 10), "identity: base + protocol mod 10");
            colours.Add(output[15]);
        }
        colours.Should().Equal([0, 0, 1, 2], "a full committed bucket of 2 then the peak bucket of 3: green, green, yellow, red");
        run.NowNs += 2_000_000_000;
        run.Run("ingress", packet);
        run.Run("egress", packet).Packet[15].Should().Be(0, "two seconds refill the buckets");
    }

    [Fact]
    public void PsaHashAndMeter()
    {
        using var run = TestCompiler.Runner("psa_hash_meter");
        ConfigureMeter(run, "ingress.rate", 1, cir: 1, cburst: 1, pir: 1, pburst: 2);
        var packet = Ipv4(Ip(10, 1, 2, 3), protocol: 6);
        byte[] data = [10, 1, 2, 3, 6];
        var colours = new List<byte>();
        for (var i = 0; i < 3; i++)
        {
            var output = run.Run("ingress", packet).Packet;
            U16(output, 18).Should().Be(Crc16(data));
            U32(output, 26).Should().Be(7 + (Crc32(data) % 1000));
            colours.Add(output[15]);
        }
        colours.Should().Equal([1, 2, 3], "green, yellow, red (diffserv 1/2/3 from PSA_MeterColor_t)");
    }

    [Fact]
    public void V1DirectMeter_ColoursPerEntry()
    {
        using var run = TestCompiler.Runner("v1_direct_meter");
        var layout = run.Layout.Table("MyIngress.policer");
        var offset = layout.DirectMeterOffset!.Value;
        run.AddEntry("MyIngress.policer", [new Ir.ExactMatch(Ip(10, 0, 0, 9))], "MyIngress.mark", [3]);
        var map = run.Map(layout.Map!);
        var key = BitConverter.GetBytes(Ip(10, 0, 0, 9));
        var value = map.Read(key);
        BitConverter.GetBytes(1UL).CopyTo(value, offset + MeterState.CirOffset);
        BitConverter.GetBytes(1UL).CopyTo(value, offset + MeterState.CburstOffset);
        BitConverter.GetBytes(1UL).CopyTo(value, offset + MeterState.PirOffset);
        BitConverter.GetBytes(2UL).CopyTo(value, offset + MeterState.PburstOffset);
        map.Update(key, value);
        var colours = new List<byte>();
        for (var i = 0; i < 3; i++)
        {
            var packet = Ipv4(Ip(10, 0, 0, 9));
            run.Run("ingress", packet);
            ((ulong)run.StateField(Architectures.V1Model.StandardMetadataSlot, "egress_spec")).Should().Be(3);
            colours.Add(run.Run("egress", packet).Packet[15]);
        }
        colours.Should().Equal([0, 1, 2]);
    }
}
