using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Kernel;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Tests.Differential;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Kernel;

/// <summary>Every corpus program on every corpus packet, in our engine (checked interpreter, CPU 0) and in the kernel through our own
/// loader and BPF_PROG_TEST_RUN (thread pinned to CPU 0): same return values, packets, and at the end the same map contents
/// (CPU 0's slot of per-CPU maps; queues, stacks and ring buffers drained in order). Run on clang's objects and on the same objects re-written by our ElfWriter.</summary>
public sealed class KernelDifferentialTests
{
    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var source in Corpus.Sources())
        {
            data.Add(source, false);
            data.Add(source, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EngineMatchesKernelLoader(string source, bool rewrittenByElfWriter)
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var objectName = Loader.ObjectNameOf(source);
        var spec = ElfReader.ReadFile(Corpus.Compile(source));
        if (rewrittenByElfWriter)
        {
            spec = ElfReader.Read(ElfWriter.Write(spec));
        }
        using var engine = BpfEngine.Load(spec, new EngineOptions(Cpu: 0), objectName);
        using var kernel = KernelEngine.Load(spec, new KernelLoaderOptions(objectName), cpu: 0);
        kernel.Programs.Select(p => p.Name).Should().Equal(engine.Programs.Select(p => p.Name));
        var mismatches = new List<string>();
        var runs = 0;
        foreach (var program in engine.Programs)
        {
            var kernelProgram = kernel.Object.GetProgram(program.Name);
            kernelProgram.Info.Id.Should().BeGreaterThan(0);
            foreach (var (name, packet) in Corpus.Packets())
            {
                runs++;
                RunResult theirs;
                try
                {
                    theirs = kernel.Run(kernelProgram, packet);
                }
                catch (KernelBpfException e) when (e.Errno == Errno.EINVAL)
                {
                    var rejected = Record.Exception(() => engine.Run(program, packet));
                    if (rejected is not ArgumentException)
                    {
                        mismatches.Add($"{program.Name} on {name}: the kernel rejects the input (EINVAL), the engine {(rejected is null ? "ran it" : "threw " + rejected.GetType().Name)}");
                    }
                    continue;
                }
                var ours = engine.Run(program, packet);
                if ((uint)ours.ReturnValue != (uint)theirs.ReturnValue)
                {
                    mismatches.Add($"{program.Name} on {name}: retval {(uint)ours.ReturnValue}, kernel {theirs.ReturnValue}");
                }
                if (!ours.Packet.AsSpan().SequenceEqual(theirs.Packet))
                {
                    mismatches.Add($"{program.Name} on {name}: packet\n  ours   {Convert.ToHexString(ours.Packet)}\n  kernel {Convert.ToHexString(theirs.Packet)}");
                }
            }
        }
        var compared = 0;
        for (var i = 0; i < spec.Maps.Length; i++)
        {
            var ourMap = engine.Object.Maps[i];
            var theirMap = kernel.Object.Maps[i];
            theirMap.Name.Should().Be(spec.Maps[i].Name);
            theirMap.KernelName.Should().Be(spec.Maps[i].KernelName(objectName));
            var (ours, theirs) = Contents(ourMap, theirMap);
            if (ours is null || theirs is null)
            {
                continue;
            }
            compared++;
            if (!ours.SequenceEqual(theirs))
            {
                mismatches.Add($"map {spec.Maps[i].Name}:\n  ours   {string.Join(" ", ours)}\n  kernel {string.Join(" ", theirs)}");
            }
        }
        runs.Should().BeGreaterThan(0);
        mismatches.Should().BeEmpty($"{source}: {runs} runs and {compared} maps compared against the kernel");
    }

    /// <summary>Comparable contents of a map in both worlds: sorted "key=value" (CPU 0's value), or the drained sequence of a queue/stack; null when not comparable.</summary>
    private static (List<string>? Ours, List<string>? Theirs) Contents(BpfMap ours, KernelMap theirs)
    {
        switch (ours.Type)
        {
            case MapType.Queue or MapType.Stack:
            {
                var a = new List<string>();
                var b = new List<string>();
                var value = new byte[ours.ValueSize];
                while (ours.LookupAndDelete([], value) == 0)
                {
                    a.Add(Convert.ToHexString(value));
                }
                while (theirs.LookupAndDelete([], value) == 0)
                {
                    b.Add(Convert.ToHexString(value));
                }
                return (a, b);
            }
            case MapType.Ringbuf:
            {
                using var reader = theirs.OpenRingBuffer();
                var a = ((RingBufMap)ours).DrainAll().Select(Convert.ToHexString).ToList();
                var b = reader.DrainAll().Select(Convert.ToHexString).ToList();
                reader.AvailableData.Should().Be(0);
                return (a, b);
            }
            case MapType.ProgArray or MapType.PerfEventArray or MapType.ArrayOfMaps or MapType.HashOfMaps:
                return (null, null);
            default:
                var batched = theirs.EntriesBatched(batchSize: 3).Select(e => $"{Convert.ToHexString(e.Key)}={Convert.ToHexString(theirs.SplitPerCpu(e.Value)[0])}")
                    .Order(StringComparer.Ordinal).ToList();
                var walked = theirs.Entries().Select(e => $"{Convert.ToHexString(e.Key)}={Convert.ToHexString(theirs.SplitPerCpu(e.Value)[0])}")
                    .Order(StringComparer.Ordinal).ToList();
                batched.Should().Equal(walked, $"batched and key-by-key reads of {theirs.Name} agree");
                return (
                    ours.Entries().Select(e => $"{Convert.ToHexString(e.Key)}={Convert.ToHexString(ours.SplitPerCpu(e.Value)[0])}").Order(StringComparer.Ordinal).ToList(),
                    theirs.Entries().Select(e => $"{Convert.ToHexString(e.Key)}={Convert.ToHexString(theirs.SplitPerCpu(e.Value)[0])}").Order(StringComparer.Ordinal).ToList());
        }
    }
}
