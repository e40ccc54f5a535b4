using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Stf;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Targets;
using P4Bpf.Runtime.Tests.StfRun;
using P4Bpf.Runtime.Tests.Switch;

namespace P4Bpf.Runtime.Tests.Targets;

/// <summary>The multi-core software switch (flow spreading, order, live table updates without torn entries) and the smartnic target.</summary>
public sealed class SoftwareAndSmartNicTargetTests
{
    private static byte[] Packet(uint dst, ushort srcPort, byte seq) => Convert.FromHexString(
        "00112233445566778899aabb0800" + "4500002c00000000" + "4011" + "0000" + "0a000001" + dst.ToString("x8") +
        srcPort.ToString("x4") + "0050" + "0018" + "0000" + seq.ToString("x2") + "000000000000000000000000000000");

    [Fact]
    public void A_flow_stays_on_one_worker_and_in_order()
    {
        using var mc = MultiCoreSwitch.Load(TestPipelines.XdpRouter(), 2);
        mc.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Exact(0x0a000002)], "set_port", [5]));
        var packets = Enumerable.Range(0, 200).Select(i => (Port: 1, Data: Packet(0x0a000002, (ushort)(1000 + i % 8), (byte)i))).ToList();
        Enumerable.Range(0, 8).Select(f => mc.WorkerOf(Packet(0x0a000002, (ushort)(1000 + f), 0))).Distinct().Should().HaveCount(2, "8 flows spread over both workers");
        var results = mc.InjectBatch(packets);
        results.Select(r => r.Outputs.Single().Data[42]).Should().Equal(packets.Select(p => p.Data[42]), "each output matches its own input, in input order");
        results.Should().OnlyContain(r => r.Outputs.Single().Port == 5);
        mc.Statistics.Injected.Should().Be(200);
    }

    [Fact]
    public void Flow_hash_is_the_same_for_every_packet_of_a_flow_and_differs_across_flows()
    {
        FlowHash.Compute(Packet(0x0a000002, 1000, 1)).Should().Be(FlowHash.Compute(Packet(0x0a000002, 1000, 99)));
        FlowHash.Compute(Packet(0x0a000002, 1000, 1)).Should().NotBe(FlowHash.Compute(Packet(0x0a000002, 1001, 1)));
        FlowHash.Compute([]).Should().Be(FlowHash.Compute(ReadOnlySpan<byte>.Empty));
        FlowHash.Compute(new byte[20]); // short, non-IP packets hash without throwing
    }

    [Fact]
    public async Task Table_updates_while_traffic_flows_never_show_a_torn_entry()
    {
        using var mc = MultiCoreSwitch.Load(TestPipelines.XdpRouter(), 2);
        const int PortA = 0x11111111, PortB = 0x22222222;
        var entryA = new TableEntry("fwd", [new FieldMatch.Exact(0x0a000002)], "set_port", [PortA]);
        var entryB = entryA with { Args = [PortB] };
        mc.Control.AddEntry(entryA);
        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writer = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                mc.Control.ModifyEntry(writes % 2 == 0 ? entryB : entryA);
                writes++;
            }
        }, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var seen = new HashSet<int>();
        for (var round = 0; round < 40; round++)
        {
            var batch = Enumerable.Range(0, 64).Select(i => (1, Packet(0x0a000002, (ushort)i, (byte)i))).ToList();
            foreach (var r in mc.InjectBatch(batch))
            {
                var port = r.Outputs.Single().Port;
                port.Should().BeOneOf(PortA, PortB);
                seen.Add(port);
            }
        }
        stop.Cancel();
        await writer;
        writes.Should().BeGreaterThan(10);
    }

    [Fact]
    public void Multi_core_stf_gives_the_software_results()
    {
        var text = File.ReadAllText(Path.Combine(P4Bpf.Tests.Shared.Tooling.RepoRoot, "tests", "P4Bpf.Runtime.Tests", "testdata", "stf", "xdp_ternary.stf"));
        using var mc = SwitchTargets.Load("software", StfRunnerTests.Pipeline("xdp-ternary"), workers: 2);
        var result = new StfRunner(mc).Run(StfParser.Parse(text));
        result.Failures.Should().BeEmpty();
        result.PacketsReceived.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Smartnic_refuses_lpm_and_v1model_naming_the_construct()
    {
        var lpm = () => SmartNicSwitch.Load(StfRunnerTests.Pipeline("xdp-lpm"));
        lpm.Should().Throw<SwitchException>().WithMessage("*table fwd: lpm match uses map t0_fwd of type lpm_trie, which the NIC does not offload*");
        var v1 = () => SmartNicSwitch.Load(StfRunnerTests.Pipeline("v1router"));
        v1.Should().Throw<SwitchException>().WithMessage("*architecture v1model: the NIC runs XDP only*");
    }

    [Fact]
    public void Smartnic_model_charges_instructions_and_lookups_and_reports_a_rate()
    {
        var model = new NicModel(Cores: 8, ClockMHz: 1000, CyclesPerPacket: 100, CyclesPerExactLookup: 100, CyclesPerArrayAccess: 10);
        using var nic = SmartNicSwitch.Load(TestPipelines.XdpRouter(options: EbpfGen.EbpfGenOptions.Default with { SmartNic = true }), model);
        nic.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Exact(0x0a000002)], "set_port", [5]));
        for (var i = 0; i < 10; i++)
        {
            nic.Inject(1, Packet(0x0a000002, 7, (byte)i)).Outputs.Should().ContainSingle();
        }
        var report = nic.Report();
        report.Packets.Should().Be(10);
        report.Instructions.Should().BeGreaterThan(10);
        report.ExactLookups.Should().Be(1);
        report.CyclesPerPacket.Should().BeApproximately(100 + report.Instructions + 100 + 10 * report.ArrayAccesses, 1e-6);
        report.PacketsPerSecond.Should().BeApproximately(8 * 1e9 / report.CyclesPerPacket, 1);
    }
}
