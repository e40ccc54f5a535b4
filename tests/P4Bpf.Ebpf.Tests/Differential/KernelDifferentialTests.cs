using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Differential;

/// <summary>Runs every corpus program on every corpus packet in our engine (checked interpreter) and in the kernel (BPF_PROG_TEST_RUN on CPU 0),
/// and compares return values, output packets and, at the end, the contents of every dumpable map (CPU 0's slot for per-CPU maps).</summary>
public sealed class KernelDifferentialTests
{
    /// <summary>Map types bpftool cannot dump as key/value pairs; the corpus programs report their state into arrays instead.</summary>
    private static readonly HashSet<string> Undumpable = ["queue", "stack", "ringbuf", "prog_array", "perf_event_array"];

    public static TheoryData<string> Sources() => new(Corpus.Sources());

    [Fact]
    public void CorpusIsDiscovered() => Corpus.Sources().Should().HaveCountGreaterThanOrEqualTo(6);

    [Theory]
    [MemberData(nameof(Sources))]
    public void EngineMatchesKernel(string source)
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var obj = Corpus.Compile(source);
        using var engine = BpfEngine.LoadFile(obj, new EngineOptions(Cpu: 0));
        using var kernel = new KernelRunner(obj);
        var mismatches = new List<string>();
        var runs = 0;
        foreach (var program in engine.Programs)
        {
            foreach (var (name, packet) in Corpus.Packets())
            {
                var kernelResult = kernel.Run(program.Name, packet);
                runs++;
                if (kernelResult is null)
                {
                    var rejected = Record.Exception(() => engine.Run(program, packet));
                    if (rejected is not ArgumentException)
                    {
                        mismatches.Add($"{program.Name} on {name}: the kernel rejects the input (EINVAL), the engine {(rejected is null ? "ran it" : "threw " + rejected.GetType().Name)}");
                    }
                    continue;
                }
                var (retval, kernelPacket) = kernelResult.Value;
                var ours = engine.Run(program, packet);
                if ((uint)ours.ReturnValue != retval)
                {
                    mismatches.Add($"{program.Name} on {name}: retval {(uint)ours.ReturnValue}, kernel {retval}");
                }
                if (!ours.Packet.AsSpan().SequenceEqual(kernelPacket))
                {
                    mismatches.Add($"{program.Name} on {name}: packet\n  ours   {Convert.ToHexString(ours.Packet)}\n  kernel {Convert.ToHexString(kernelPacket)}");
                }
            }
        }
        var compared = 0;
        foreach (var (pin, type) in kernel.Maps())
        {
            if (Undumpable.Contains(type))
            {
                continue;
            }
            var map = FindMap(engine.Object, pin);
            if (map is null)
            {
                mismatches.Add($"kernel map '{pin}' has no counterpart in the engine");
                continue;
            }
            var expected = kernel.Dump(pin);
            var actual = Dump(map);
            compared++;
            if (!expected.SequenceEqual(actual))
            {
                mismatches.Add($"map {pin}:\n  ours   {string.Join(" ", actual.Select(e => $"{e.Key}={e.Value}"))}\n  kernel {string.Join(" ", expected.Select(e => $"{e.Key}={e.Value}"))}");
            }
        }
        runs.Should().BeGreaterThan(0);
        mismatches.Should().BeEmpty($"{source}: {runs} runs and {compared} maps compared against the kernel");
    }

    /// <summary>The engine map a bpftool pin name refers to: pins are kernel names with '.' replaced by '_'.</summary>
    private static BpfMap? FindMap(LoadedObject loaded, string pin)
    {
        for (var i = 0; i < loaded.Spec.Maps.Length; i++)
        {
            if (loaded.Spec.Maps[i].KernelName(loaded.Name).Replace('.', '_') == pin)
            {
                return loaded.Maps[i];
            }
        }
        return null;
    }

    private static SortedDictionary<string, string> Dump(BpfMap map)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.Entries())
        {
            var value = map.IsPerCpu ? map.SplitPerCpu(entry.Value)[0] : entry.Value[..map.ValueSize];
            entries[Convert.ToHexString(entry.Key).ToLowerInvariant()] = Convert.ToHexString(value).ToLowerInvariant();
        }
        return entries;
    }
}
