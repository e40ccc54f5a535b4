// Targets benchmark (driven by bench/targets-software.sh): packets per second of the software switch on 1 and 2 workers, the SmartNIC model's
// estimate with its inputs, and the Linux kernel target's rate on a veth pair with real traffic.
// Usage: dotnet run bench/targets-bench.cs -c Release -- software|nic|kernel [SECONDS] [NETNS] [IFACE_XDP] [IFACE_PEER]
// Programs: the l3-router (v1model) and acl-firewall (PSA) examples, and their xdp_model ports in bench/programs/targets_*_xdp.p4 (the NIC and
// kernel targets run XDP only). Traffic: the packets of each example's STF file, TCP/UDP ones repeated with 32 source ports each (so flows spread
// over workers); the L4 checksums are not fixed up (no program here checks them).
#:project ../runtime/P4Bpf.Runtime/P4Bpf.Runtime.csproj
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

using System.Diagnostics;
using P4Bpf.EbpfGen;
using P4Bpf.Runtime.Ports;
using P4Bpf.Runtime.Stf;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Targets;

var mode = args.Length > 0 ? args[0] : "software";
var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
var root = Path.GetFullPath(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? "bench", ".."));
string P(params string[] parts) => Path.Combine([root, .. parts]);

const string L3XdpSetup = """
    add ipv4_lpm hd.ipv4.dstAddr:0x0a000100/24 set_nhop(nhop_id:1)
    add ipv4_lpm hd.ipv4.dstAddr:0x0a000200/24 set_nhop(nhop_id:2)
    add ipv4_lpm hd.ipv4.dstAddr:0xc0a80000/16 set_nhop(nhop_id:3)
    add ipv4_lpm hd.ipv4.dstAddr:0xc0a80700/24 set_nhop(nhop_id:2)
    add nexthop nhop:1 set_nexthop(dmac:0x00000a00010a, port:1)
    add nexthop nhop:2 set_nexthop(dmac:0x00000a000214, port:2)
    add nexthop nhop:3 set_nexthop(dmac:0x00000a0003fe, port:3)
    add port_mac xout.output_port:1 set_smac(smac:0x000000000101)
    add port_mac xout.output_port:2 set_smac(smac:0x000000000201)
    add port_mac xout.output_port:3 set_smac(smac:0x000000000301)
    """;
const string AclXdpSetup = """
    add acl hd.ipv4.srcAddr:0x0a014200&&&0xffffff00 deny()
    add acl hd.ipv4.srcAddr:0x0a010000&&&0xffff0000 hd.ipv4.protocol:6&&&0xff hd.l4.dstPort:80&&&0xffff permit(port:1)
    add acl hd.ipv4.srcAddr:0x0a010000&&&0xffff0000 hd.ipv4.protocol:6&&&0xff hd.l4.dstPort:443&&&0xffff permit(port:1)
    add acl hd.ipv4.srcAddr:0x0a010000&&&0xffff0000 hd.ipv4.protocol:17&&&0xff hd.l4.dstPort:53&&&0xffff permit(port:1)
    add acl hd.ipv4.dstAddr:0x0a01000a&&&0xffffffff hd.ipv4.protocol:6&&&0xff hd.l4.dstPort:22&&&0xffff permit(port:1)
    """;

var programs = new (string Name, string P4, string Stf, string? Setup)[]
{
    ("l3-router (v1model)", P("examples", "l3-router", "l3_router.p4"), P("examples", "l3-router", "l3_router.stf"), null),
    ("acl-firewall (PSA)", P("examples", "acl-firewall", "acl_firewall.p4"), P("examples", "acl-firewall", "acl_firewall.stf"), null),
    ("l3-router xdp port", P("bench", "programs", "targets_l3_router_xdp.p4"), P("examples", "l3-router", "l3_router.stf"), L3XdpSetup),
    ("acl xdp port", P("bench", "programs", "targets_acl_xdp.p4"), P("examples", "acl-firewall", "acl_firewall.stf"), AclXdpSetup),
};

CompiledPipeline Compile(string p4, bool smartNic)
{
    var r = P4Compiler.CompileFile(p4, new CompileOptions { CodeGen = EbpfGenOptions.Default with { SmartNic = smartNic } });
    if (!r.Success)
    {
        throw new InvalidOperationException(string.Join("\n", r.Errors));
    }
    return new CompiledPipeline(r.Object!, r.Layout!);
}

// The STF's packets; TCP/UDP ones repeated with 32 source ports.
List<(int Port, byte[] Data)> Traffic(string stf)
{
    var list = new List<(int, byte[])>();
    foreach (var p in StfParser.ParseFile(stf).Commands.OfType<StfPacket>())
    {
        var data = p.Data.ToArray();
        var ipv4 = data.Length >= 38 && data[12] == 0x08 && data[13] == 0x00;
        var l4 = ipv4 ? 14 + ((data[14] & 0xf) * 4) : 0;
        if (!ipv4 || data[23] is not (6 or 17) || data.Length < l4 + 4)
        {
            list.Add((p.Port, data));
            continue;
        }
        for (var i = 0; i < 32; i++)
        {
            var copy = (byte[])data.Clone();
            var sport = (ushort)(((copy[l4] << 8) | copy[l4 + 1]) + (i * 7));
            copy[l4] = (byte)(sport >> 8);
            copy[l4 + 1] = (byte)sport;
            list.Add((p.Port, copy));
        }
    }
    return list;
}

void Setup(ISwitch sw, string stf, string? setup)
{
    var script = setup is null ? StfParser.ParseFile(stf) : StfParser.Parse(setup);
    var result = new StfRunner(sw).Run(script);
    if (result.Failures.Count > 0)
    {
        throw new InvalidOperationException($"setup failed: {string.Join("; ", result.Failures.Select(f => f.Format("setup")))}");
    }
}

(double Pps, long Packets) Measure(Func<int> runBatch, double secs)
{
    var warm = Stopwatch.StartNew();
    while (warm.Elapsed.TotalSeconds < Math.Min(1, secs / 4))
    {
        runBatch();
    }
    long packets = 0;
    var sw = Stopwatch.StartNew();
    while (sw.Elapsed.TotalSeconds < secs)
    {
        packets += runBatch();
    }
    return (packets / sw.Elapsed.TotalSeconds, packets);
}

switch (mode)
{
    case "software":
    {
        Console.WriteLine($"{"program",-22} {"mode",-26} {"packets",10} {"pps",12} {"worker split",14}");
        foreach (var (name, p4, stf, setup) in programs)
        {
            var pipeline = Compile(p4, smartNic: false);
            var traffic = Traffic(stf);
            var batch = Enumerable.Range(0, Math.Max(1, 4096 / traffic.Count)).SelectMany(_ => traffic).ToList();
            using (var single = P4Switch.Load(pipeline))
            {
                Setup(single, stf, setup);
                var r = Measure(() =>
                {
                    foreach (var (port, data) in batch)
                    {
                        single.Inject(port, data);
                    }
                    return batch.Count;
                }, seconds);
                Console.WriteLine($"{name,-22} {"P4Switch, caller thread",-26} {r.Packets,10} {r.Pps,12:F0} {"-",14}");
            }
            var rates = new Dictionary<int, double>();
            foreach (var workers in new[] { 1, 2 })
            {
                using var mc = MultiCoreSwitch.Load(pipeline, workers);
                Setup(mc, stf, setup);
                var split = batch.GroupBy(b => mc.WorkerOf(b.Data)).OrderBy(g => g.Key).Select(g => g.Count()).ToList();
                var r = Measure(() => mc.InjectBatch(batch).Count, seconds);
                rates[workers] = r.Pps;
                Console.WriteLine($"{name,-22} {$"MultiCoreSwitch, {workers} worker(s)",-26} {r.Packets,10} {r.Pps,12:F0} {string.Join("/", split),14}");
            }
            Console.WriteLine($"{name,-22} {"scaling 2 vs 1 workers",-26} {"",10} {rates[2] / rates[1],12:F2}");
        }
        break;
    }
    case "nic":
    {
        var model = NicModel.Default;
        Console.WriteLine($"model: {model.Cores} cores at {model.ClockMHz} MHz; {model.CyclesPerPacket} cycles fixed per packet, {model.CyclesPerInstruction} per instruction, " +
            $"{model.CyclesPerExactLookup} per hash probe, {model.CyclesPerArrayAccess} per array access");
        foreach (var (name, p4, stf, setup) in programs)
        {
            CompiledPipeline pipeline;
            try
            {
                pipeline = Compile(p4, smartNic: true);
            }
            catch (InvalidOperationException e)
            {
                Console.WriteLine($"{name}: refused at compile time: {e.Message.Split('\n')[0]}");
                continue;
            }
            var problems = SmartNicCheck.Check(pipeline);
            if (problems.Count > 0)
            {
                Console.WriteLine($"{name}: refused at load: {string.Join("; ", problems)}");
                continue;
            }
            using var nic = SmartNicSwitch.Load(pipeline, model);
            Setup(nic, stf, setup);
            var before = nic.Report();
            var traffic = Traffic(stf);
            foreach (var (port, data) in traffic)
            {
                nic.Inject(port, data);
            }
            var after = nic.Report();
            // The report is cumulative: subtract the setup's packets (none for the ports, whose setup sends nothing).
            Console.WriteLine($"{name}: {after} (setup packets included: {before.Packets})");
        }
        break;
    }
    case "kernel":
    {
        var netns = args.Length > 2 ? args[2] : "p4b-bench";
        var xdpIface = args.Length > 3 ? args[3] : "p4b0";
        var peer = args.Length > 4 ? args[4] : "p4b1";
        foreach (var (name, p4, stf, setup) in programs.Where(p => p.Setup is not null))
        {
            var pipeline = Compile(p4, smartNic: false);
            using var k = KernelSwitch.Load(pipeline);
            Setup(k, stf, setup);
            var program = k.Object.Program(pipeline.Layout.Programs[0].Name) ?? throw new InvalidOperationException("no program");
            using var link = k.AttachXdp(xdpIface);
            using var port = RawSocketPort.OpenInNamespace(1, peer, netns);
            var traffic = Traffic(stf);
            var info0 = program.QueryInfo();
            long sent = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                foreach (var (_, data) in traffic)
                {
                    port.Send(data);
                }
                sent += traffic.Count;
            }
            var elapsed = clock.Elapsed.TotalSeconds;
            Thread.Sleep(200);
            var info1 = program.QueryInfo();
            var runs = info1.RunCount - info0.RunCount;
            var ns = info1.RunTimeNanoseconds - info0.RunTimeNanoseconds;
            Console.WriteLine($"{name}: sent {sent} frames in {elapsed:F1} s from {peer} ({sent / elapsed:F0} pps, one AF_PACKET sender thread); " +
                $"the XDP program on {xdpIface} ran {runs} times ({runs / elapsed:F0} runs/s), {(runs == 0 ? 0 : (double)ns / runs):F0} ns/run in the program (kernel bpf_stats)");
        }
        break;
    }
    default:
        Console.Error.WriteLine($"unknown mode {mode} (software, nic, kernel)");
        return 2;
}
return 0;
