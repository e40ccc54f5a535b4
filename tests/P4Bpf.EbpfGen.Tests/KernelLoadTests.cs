using System.Numerics;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Midend.Ir;
using P4Bpf.Tests.Shared;

namespace P4Bpf.EbpfGen.Tests;

/// <summary>Every generated object must pass the real kernel verifier (bpftool prog loadall), when the machine allows it.</summary>
public sealed class KernelLoadTests
{
    public static TheoryData<string> Programs() => new(GeneratedPrograms.All.Keys);

    [Theory]
    [MemberData(nameof(Programs))]
    public void KernelVerifierAcceptsGeneratedObject(string name)
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var result = EbpfCodeGenerator.Generate(GeneratedPrograms.All[name]());
        result.Errors.Should().BeEmpty();
        var dir = Path.Combine(Path.GetTempPath(), "p4bpf-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var obj = Path.Combine(dir, name + ".o");
        ElfWriter.WriteFile(result.Object!, obj);
        try
        {
            var (code, log, programs) = Tooling.KernelLoadAll(obj);
            code.Should().Be(0, $"the kernel should load {name}:\n{log}");
            programs.Should().Be(result.Object!.Programs.Length);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

/// <summary>The hand-built programs the kernel and golden tests share.</summary>
internal static class GeneratedPrograms
{
    public static readonly IReadOnlyDictionary<string, Func<IrProgram>> All = new Dictionary<string, Func<IrProgram>>
    {
        ["router_exact"] = () => TestPrograms.XdpRouter(),
        ["router_lpm"] = () => TestPrograms.XdpRouter(MatchKind.Lpm),
        ["router_ternary"] = () => TestPrograms.XdpRouter(MatchKind.Ternary),
        ["router_range"] = () => TestPrograms.XdpRouter(MatchKind.Range),
        ["router_const"] = () => TestPrograms.XdpRouter(MatchKind.Ternary, new DefaultAction("drop_it", IrList<BigInteger>.Empty, true),
            [new TableEntry(IrList.Of<KeyMatch>(new TernaryMatch(0x0a000000, 0xff000000)), "set_port", IrList.Of<BigInteger>(4), 1)], entriesConst: true),
        ["encap"] = FeaturePrograms.Encap,
        ["counters"] = FeaturePrograms.Counters,
        ["filter"] = FeaturePrograms.Filter,
        ["v1switch"] = FeaturePrograms.V1Switch,
        ["mpls"] = FeaturePrograms.MplsPop,
        ["meter"] = MorePrograms.Metered,
        ["value_set"] = MorePrograms.ValueSetFilter,
        ["psa"] = MorePrograms.Psa,
        ["checksum"] = ChecksumPrograms.Router,
        ["varbit"] = VarbitPrograms.Ipv4Options,
        ["hash"] = HashTests.Program,
        ["digest"] = ParserExtrasPrograms.PeekSkipLearn,
        ["multikey_lpm"] = () => MultiKeyPrograms.Router(MatchKind.Exact, MatchKind.Lpm),
        ["multikey_tss"] = () => MultiKeyPrograms.Router(MatchKind.Optional, MatchKind.Ternary, MatchKind.Range),
    };
}
