using P4Bpf.EbpfGen;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>Every test program compiled from P4 must load into the real kernel verifier (bpftool prog loadall), when the machine allows it.</summary>
public sealed class KernelLoadTests
{
    public static TheoryData<string> Programs() =>
        new(System.IO.Directory.GetFiles(TestCompiler.Directory, "*.p4").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Programs))]
    public void CompiledObjectLoadsIntoTheKernel(string name)
    {
        var result = TestCompiler.Compile(name);
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var dir = Path.Combine(Path.GetTempPath(), "p4bpf-test-" + Guid.NewGuid().ToString("N"));
        var pin = "/sys/fs/bpf/p4bpf-test-" + Guid.NewGuid().ToString("N");
        try
        {
            var files = P4Compiler.WriteOutputs(result, dir);
            var (code, stdout, stderr) = Tooling.Run("bpftool", $"prog loadall {files[0]} {pin}");
            code.Should().Be(0, $"the kernel should load {name}:\n{Tail(stderr)}\n{stdout}");
            System.IO.Directory.GetFiles(pin).Length.Should().Be(result.Object!.Programs.Length);
        }
        finally
        {
            if (System.IO.Directory.Exists(pin))
            {
                foreach (var f in System.IO.Directory.GetFiles(pin))
                {
                    File.Delete(f);
                }
                System.IO.Directory.Delete(pin);
            }
            if (System.IO.Directory.Exists(dir))
            {
                System.IO.Directory.Delete(dir, true);
            }
        }
    }

    private static string Tail(string text) => text.Length > 6000 ? text[^6000..] : text;
}
