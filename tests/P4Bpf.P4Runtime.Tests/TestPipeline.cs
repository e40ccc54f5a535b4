using P4Bpf.EbpfGen;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Midend.Ir;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.P4InfoGen;
using P4Bpf.Tests.Shared;
using P4InfoMessage = P4.Config.V1.P4Info;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>The test router (data/router.p4) compiled by the real compiler, its P4Info and the packed device config.</summary>
internal sealed class TestPipeline
{
    public const int CpuPort = 64;

    private static readonly Lazy<TestPipeline> Router = new(() => Compile("router.p4"));

    public static TestPipeline Get() => Router.Value;

    public required CompilationResult Result { get; init; }

    public required P4InfoMessage P4Info { get; init; }

    public required byte[] DeviceConfig { get; init; }

    public IrProgram Ir => Result.Ir!;

    public static string DataPath(string name) => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.P4Runtime.Tests", "data", name);

    public static TestPipeline Compile(string file)
    {
        var result = P4Compiler.CompileFile(DataPath(file));
        result.Success.Should().BeTrue(string.Join("\n", result.Errors));
        var info = P4InfoBuilder.Build(result.Ir!, FrontEndExtras.From(result.Front!, result.Ir!));
        info.Success.Should().BeTrue(string.Join("\n", info.Errors));
        var package = new DeviceConfigPackage(ElfWriter.Write(result.Object!), result.Layout!.ToJson());
        return new TestPipeline { Result = result, P4Info = info.Info!, DeviceConfig = package.ToBytes() };
    }
}
