using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Vm;
using P4Bpf.Ebpf.Tests.Differential;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Jit;

/// <summary>The engine with <see cref="ExecutorKind.Jit"/> against the checked interpreter on the differential C corpus
/// (maps, tail calls, packet helpers, checksums, loops): same return values, output packets, redirects and map contents.</summary>
public sealed class JitEngineTests
{
    public static TheoryData<string> Sources() => new(Corpus.Sources());

    [Theory]
    [MemberData(nameof(Sources))]
    public void JitEngineMatchesTheInterpreter(string source)
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        var obj = Corpus.Compile(source);
        using var interp = BpfEngine.LoadFile(obj, new EngineOptions(Cpu: 0));
        using var jit = BpfEngine.LoadFile(obj, new EngineOptions(ExecutorKind.Jit, CheckedMemory: false, Cpu: 0));
        jit.Executor.Kind.Should().Be(ExecutorKind.Jit);
        var runs = 0;
        var completed = 0;
        for (var p = 0; p < interp.Programs.Count; p++)
        {
            foreach (var (name, packet) in Corpus.Packets())
            {
                var expected = Outcome(() => interp.Run(interp.Programs[p], packet));
                var actual = Outcome(() => jit.Run(jit.Programs[p], packet));
                actual.Should().Be(expected, $"{interp.Programs[p].Name} on {name}");
                runs++;
                completed += expected.StartsWith("r0=", StringComparison.Ordinal) ? 1 : 0;
            }
        }
        completed.Should().BeGreaterThan(runs / 2, "most corpus runs complete normally");
        for (var m = 0; m < interp.Object.Maps.Count; m++)
        {
            Dump(jit.Object.Maps[m]).Should().Be(Dump(interp.Object.Maps[m]), $"map {interp.Object.Spec.Maps[m].Name} after {runs} runs");
        }
    }

    private static string Outcome(Func<RunResult> run)
    {
        try
        {
            var r = run();
            return $"r0=0x{r.ReturnValue:x} packet={Convert.ToHexString(r.Packet)} redirect={r.Redirect} clones={r.Clones.Count}";
        }
        catch (Exception e) when (e is VmException or ArgumentException)
        {
            return $"{e.GetType().Name}: {(e is VmException v ? v.Kind.ToString() : e.Message)}";
        }
    }

    private static string Dump(BpfMap map)
    {
        try
        {
            return string.Join(" ", map.Entries().Select(e => $"{Convert.ToHexString(e.Key)}={Convert.ToHexString(e.Value)}").Order(StringComparer.Ordinal));
        }
        catch (NotSupportedException)
        {
            return "(not iterable)";
        }
    }
}
