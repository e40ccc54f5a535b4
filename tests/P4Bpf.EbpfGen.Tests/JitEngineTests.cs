using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Vm;
using static P4Bpf.EbpfGen.Tests.TestPrograms;

namespace P4Bpf.EbpfGen.Tests;

/// <summary>Every generated object is verified at load and runs in the JIT (no trusted flag) with the same results as the checked
/// interpreter: return values, output packets, redirects and map contents, on a set of packets.</summary>
public sealed class JitEngineTests
{
    public static TheoryData<string> Programs() => new(GeneratedPrograms.All.Keys);

    private static IEnumerable<(string Name, byte[] Packet)> Packets()
    {
        yield return ("hit", Ipv4Packet(0x0a000002, ttl: 64));
        yield return ("ttl1", Ipv4Packet(0x0a000002, ttl: 1));
        yield return ("miss", Ipv4Packet(0x0b000002));
        yield return ("src", Ipv4Packet(0x01020304, src: 0x0a0b0c0d));
        yield return ("tcp", Ipv4Packet(0x0a000102, protocol: 6, payload: 20));
        yield return ("short", Ipv4Packet(0x0a000002)[..20]);
        var arp = Ipv4Packet(0x0a000002);
        arp[12] = 0x08;
        arp[13] = 0x06;
        yield return ("arp", arp);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void JitMatchesTheCheckedInterpreter(string name)
    {
        var result = EbpfCodeGenerator.Generate(GeneratedPrograms.All[name]());
        result.Errors.Should().BeEmpty();
        using var interp = BpfEngine.Load(result.Object!, new EngineOptions(Cpu: 0, PossibleCpus: 1), name);
        using var jit = BpfEngine.Load(result.Object!, new EngineOptions(ExecutorKind.Jit, Cpu: 0, PossibleCpus: 1), name);
        foreach (var engine in new[] { interp, jit })
        {
            foreach (var w in result.Layout!.InitialWrites)
            {
                engine.Map(w.Map).Update(Convert.FromHexString(w.Key), Convert.FromHexString(w.Value)).Should().Be(0, $"initial write to {w.Map}");
            }
        }
        var runs = 0;
        for (var p = 0; p < interp.Programs.Count; p++)
        {
            if (interp.Programs[p].ContextKind is null)
            {
                continue;
            }
            jit.Programs[p].IsVerified.Should().BeTrue();
            // Meters read bpf_ktime_get_ns: both engines see the same fixed clock.
            using var interpRunner = interp.CreateRunner(interp.Programs[p]);
            using var jitRunner = jit.CreateRunner(jit.Programs[p]);
            interpRunner.State.Clock = () => 5_000_000_000;
            jitRunner.State.Clock = () => 5_000_000_000;
            foreach (var (packetName, packet) in Packets())
            {
                var expected = Outcome(() => interpRunner.Run(packet));
                var actual = Outcome(() => jitRunner.Run(packet));
                actual.Should().Be(expected, $"{name}/{interp.Programs[p].Name} on {packetName}");
                runs++;
            }
        }
        runs.Should().BeGreaterThan(0);
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
            return "(not dumpable)";
        }
    }
}
