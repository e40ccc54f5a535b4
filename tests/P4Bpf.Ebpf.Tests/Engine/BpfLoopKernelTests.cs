using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Tests.Differential;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Engine;

/// <summary>A clang program using <c>bpf_loop</c> (<c>testdata/bpf_loop/xdp_bpf_loop.c</c>): our verifier accepts it, and the checked
/// interpreter, the JIT and the kernel (BPF_PROG_TEST_RUN through bpftool) return the same verdicts, packets and map contents.</summary>
public sealed class BpfLoopKernelTests
{
    private static string Source => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.Ebpf.Tests", "testdata", "bpf_loop", "xdp_bpf_loop.c");

    private static string Compile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "p4bpf-loop-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var output = Path.Combine(dir, "xdp_bpf_loop.o");
        var (code, _, err) = Tooling.Run("clang", $"-O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c {Source} -o {output}");
        code.Should().Be(0, err);
        return output;
    }

    [Fact]
    public void InterpreterAndJitAgree()
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        var obj = Compile();
        using var interp = BpfEngine.LoadFile(obj, new EngineOptions(Cpu: 0));
        using var jit = BpfEngine.LoadFile(obj, new EngineOptions(ExecutorKind.Jit, Cpu: 0));
        interp.Programs.Should().HaveCount(2).And.OnlyContain(p => p.IsVerified);
        foreach (var program in interp.Programs)
        {
            foreach (var (name, packet) in Corpus.Packets())
            {
                var expected = interp.Run(program, packet);
                var actual = jit.Run(jit.Object.FindProgram(program.Name)!, packet);
                actual.ReturnValue.Should().Be(expected.ReturnValue, $"{program.Name} on {name}");
                actual.Packet.Should().Equal(expected.Packet);
            }
        }
        Dump(jit.Map("loop_stats")).Should().Equal(Dump(interp.Map("loop_stats")));
    }

    [Fact]
    public void EngineMatchesKernel()
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var obj = Compile();
        using var engine = BpfEngine.LoadFile(obj, new EngineOptions(ExecutorKind.Jit, Cpu: 0));
        using var kernel = new KernelRunner(obj);
        var runs = 0;
        foreach (var program in engine.Programs)
        {
            foreach (var (name, packet) in Corpus.Packets())
            {
                var expected = kernel.Run(program.Name, packet);
                if (expected is null)
                {
                    continue;
                }
                var ours = engine.Run(program, packet);
                ((uint)ours.ReturnValue).Should().Be(expected.Value.Retval, $"{program.Name} on {name}");
                ours.Packet.Should().Equal(expected.Value.Packet, $"{program.Name} on {name}");
                runs++;
            }
        }
        runs.Should().BeGreaterThan(10);
        var pin = kernel.Maps().Keys.Single(k => k.EndsWith("loop_stats", StringComparison.Ordinal));
        var map = engine.Map("loop_stats");
        var ours2 = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in map.Entries())
        {
            ours2[Convert.ToHexString(e.Key).ToLowerInvariant()] = Convert.ToHexString(e.Value[..map.ValueSize]).ToLowerInvariant();
        }
        ours2.Should().Equal(kernel.Dump(pin), "the callbacks' map updates agree");
    }

    private static List<string> Dump(BpfMap map) =>
        [.. map.Entries().Select(e => $"{Convert.ToHexString(e.Key)}={Convert.ToHexString(e.Value)}")];
}
