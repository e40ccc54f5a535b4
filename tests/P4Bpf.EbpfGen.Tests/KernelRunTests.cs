using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using P4Bpf.Ebpf.Elf;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.EbpfGen.Tests.Harness;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using P4Bpf.Tests.Shared;
using static P4Bpf.EbpfGen.Tests.TestPrograms;

namespace P4Bpf.EbpfGen.Tests;

/// <summary>The same object in the kernel (BPF_PROG_TEST_RUN through bpftool) and in our interpreter: equal verdicts and packets.</summary>
public sealed partial class KernelRunTests
{
    [GeneratedRegex(@"Return value: (\d+)")]
    private static partial Regex ReturnValue();

    private static string Hex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    private static (ulong Verdict, byte[] Packet) RunInKernel(EbpfGenResult result, string program, IReadOnlyList<MapWrite> writes, byte[] packet)
    {
        var id = Guid.NewGuid().ToString("N");
        var dir = Path.Combine(Path.GetTempPath(), "p4bpf-test-" + id);
        var pin = "/sys/fs/bpf/p4bpf-test-" + id;
        var maps = pin + "-maps";
        Directory.CreateDirectory(dir);
        try
        {
            var obj = Path.Combine(dir, "prog.o");
            ElfWriter.WriteFile(result.Object!, obj);
            var load = Tooling.Run("bpftool", $"prog loadall {obj} {pin} pinmaps {maps}");
            load.ExitCode.Should().Be(0, load.Stderr);
            foreach (var w in writes)
            {
                var update = Tooling.Run("bpftool", $"map update pinned {maps}/{w.Map} key hex {Hex(w.Key)} value hex {Hex(w.Value)}");
                update.ExitCode.Should().Be(0, update.Stderr);
            }
            var input = Path.Combine(dir, "in.bin");
            var output = Path.Combine(dir, "out.bin");
            File.WriteAllBytes(input, packet);
            var run = Tooling.Run("bpftool", $"prog run pinned {pin}/{program} data_in {input} data_out {output}");
            run.ExitCode.Should().Be(0, run.Stderr);
            var verdict = ulong.Parse(ReturnValue().Match(run.Stdout + run.Stderr).Groups[1].Value, CultureInfo.InvariantCulture);
            return (verdict, File.ReadAllBytes(output));
        }
        finally
        {
            foreach (var d in new[] { pin, maps })
            {
                if (Directory.Exists(d))
                {
                    foreach (var f in Directory.GetFiles(d))
                    {
                        File.Delete(f);
                    }
                    Directory.Delete(d);
                }
            }
            Directory.Delete(dir, true);
        }
    }

    public static TheoryData<string, MatchKind, uint> Cases() => new()
    {
        { "exact hit", MatchKind.Exact, 0x0a000002 },
        { "exact miss", MatchKind.Exact, 0x0a000003 },
        { "lpm hit", MatchKind.Lpm, 0x0a0000ff },
        { "ternary hit", MatchKind.Ternary, 0x0a000077 },
        { "range hit", MatchKind.Range, 0x0a000010 },
        { "range miss", MatchKind.Range, 0x0a000100 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RouterAgreesWithTheKernel(string name, MatchKind kind, uint dst)
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        _ = name;
        var result = EbpfCodeGenerator.Generate(XdpRouter(kind));
        var table = result.Layout!.Table("fwd");
        KeyMatch key = kind switch
        {
            MatchKind.Exact => new ExactMatch(0x0a000002),
            MatchKind.Lpm => new LpmMatch(0x0a000000, 24),
            MatchKind.Ternary => new TernaryMatch(0x0a000000, 0xffffff00),
            _ => new RangeMatch(0x0a000000, 0x0a0000ff),
        };
        var writes = TableEntryEncoder.EncodeEntry(table, [key], "set_port", [BigInteger.One * 7], 1, new TernaryMaskSet());
        var packet = Ipv4Packet(dst, ttl: 33);
        var kernel = RunInKernel(result, "xdp_prog", writes, packet);
        using var ours = new PipelineRunner(result);
        foreach (var w in writes)
        {
            ours.Map(w.Map).Update(w.Key, w.Value);
        }
        var mine = ours.Run("xdp_prog", packet);
        mine.Verdict.Should().Be(kernel.Verdict);
        mine.Packet.Should().Equal(kernel.Packet);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EncapDecapAgreesWithTheKernel(int ttl)
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var result = EbpfCodeGenerator.Generate(FeaturePrograms.Encap());
        var packet = Ipv4Packet(0x0a000002, ttl: (byte)ttl);
        var kernel = RunInKernel(result, "xdp_prog", [], packet);
        using var ours = new PipelineRunner(result);
        var mine = ours.Run("xdp_prog", packet);
        mine.Verdict.Should().Be(kernel.Verdict);
        mine.Packet.Should().Equal(kernel.Packet);
        kernel.Packet.Length.Should().NotBe(packet.Length);
    }
}
