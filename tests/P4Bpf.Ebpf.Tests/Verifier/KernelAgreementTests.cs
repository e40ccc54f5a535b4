using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Verifier;

/// <summary>Each corpus case loaded into the running kernel: its verdict must equal the expected one (or the opposite, where the header says we differ on purpose).</summary>
public sealed class KernelAgreementTests
{
    public static TheoryData<string> Cases() => VerifierCorpusTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kernel_verdict_agrees(string name)
    {
        Assert.SkipUnless(Tooling.HasKernelBpf && KernelBpf.Supported, Tooling.NoKernelBpfReason);
        var c = VerifierCase.Load(Path.Combine(VerifierCase.Directory, name));
        Assert.SkipWhen(c.KernelSkip is not null, $"not loadable as is: {c.KernelSkip}");
        var (accepted, log) = Run(c);
        var expected = c.KernelDiffers is null ? c.ExpectAccept : !c.ExpectAccept;
        accepted.Should().Be(expected, "kernel log:\n{0}", Tail(log));
    }

    internal static (bool Accepted, string Log) Run(VerifierCase c)
    {
        var fds = new List<int>();
        try
        {
            foreach (var map in c.Maps)
            {
                fds.Add(KernelBpf.CreateMap(map));
            }
            return KernelBpf.LoadProgram(c.Type, c.Bytecode, fds);
        }
        finally
        {
            foreach (var fd in fds)
            {
                KernelBpf.Close(fd);
            }
        }
    }

    private static string Tail(string log)
    {
        var lines = log.Split('\n');
        return string.Join("\n", lines.TakeLast(12));
    }
}
