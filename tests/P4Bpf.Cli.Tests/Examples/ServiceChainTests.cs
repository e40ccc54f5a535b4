using P4Bpf.Ebpf.Kernel;
using P4Bpf.Ebpf.Maps;
using P4Bpf.EbpfGen;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Targets;
using P4Bpf.Runtime.Trace;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Examples;

/// <summary>The service-chain example: firewall.p4 compiled to tail-call on XDP_PASS, router.p4 in its prog array slot, in the software
/// switch and in the Linux kernel.</summary>
public sealed class ServiceChainTests
{
    private static readonly string Dir = Path.Combine(ExampleStfTests.ExamplesDir, "service-chain");

    // From service_chain.stf: HTTPS 203.0.113.5 → 10.2.0.8, and what the router makes of it (MACs rewritten, TTL 63, checksum).
    private static readonly byte[] Https = Convert.FromHexString("0000000000aa000000000001080045000028000100004006" + "34c0cb0071050a0200089c4001bb00000001000000005002" + "2000abd60000");
    private static readonly byte[] HttpsRouted = Convert.FromHexString("0000000000bb0000000000ab08004500002800010000" + "3f0635c0cb0071050a0200089c4001bb0000000100000000" + "50022000abd60000");
    private static readonly byte[] Ssh = Convert.FromHexString("0000000000aa000000000001080045000028000300004006" + "34becb0071050a0200089c410016000000010000000050022000ad7a0000");
    private static readonly byte[] Far = Convert.FromHexString("0000000000aa000000000001080045000028000500004006" + "92a5cb007105ac1f00019c4301bb00000001000000005002200009bd0000");

    private static CompiledPipeline Compile(string name, bool chained)
    {
        var result = P4Compiler.CompileFile(Path.Combine(Dir, name), new CompileOptions { CodeGen = EbpfGenOptions.Default with { TailCallOnPass = chained } });
        result.Success.Should().BeTrue(string.Join("\n", result.Errors));
        return new CompiledPipeline(result.Object!, result.Layout!);
    }

    private static void Program(SwitchControl fw, SwitchControl router)
    {
        fw.AddEntry(new TableEntry("deny_src", [new FieldMatch.Lpm(0xc6336400, 24)], "deny", []));
        fw.AddEntry(new TableEntry("open_ports", [new FieldMatch.Exact(6), new FieldMatch.Exact(443)], "NoAction", []));
        router.AddEntry(new TableEntry("routes", [new FieldMatch.Lpm(0x0a020000, 16)], "forward", [0xbb, 0xab, 2]));
    }

    [Fact]
    public void Chained_compile_adds_the_prog_array_and_the_tail_call_only_when_asked()
    {
        var plain = Compile("firewall.p4", chained: false);
        plain.Layout.ChainMap.Should().BeNull();
        plain.Object.Maps.Should().NotContain(m => m.Type == MapType.ProgArray);
        var chained = Compile("firewall.p4", chained: true);
        chained.Layout.ChainMap.Should().Be(LayoutPlanner.ChainMapName);
        chained.Object.Maps.Should().ContainSingle(m => m.Type == MapType.ProgArray).Which.MaxEntries.Should().Be(1);
        var code = P4Compiler.CompileFile(Path.Combine(Dir, "firewall.p4"), new CompileOptions { CodeGen = EbpfGenOptions.Default with { TailCallOnPass = true } })
            .Code!.Stages[0].Disassembly;
        code.Should().Contain("call 12", "bpf_tail_call is helper 12");
    }

    [Fact]
    public void Chaining_a_v1model_program_or_for_the_smartnic_is_refused_with_a_clear_error()
    {
        var result = P4Compiler.CompileFile(Path.Combine(ExampleStfTests.ExamplesDir, "l2-switch", "l2_switch.p4"),
            new CompileOptions { CodeGen = EbpfGenOptions.Default with { TailCallOnPass = true } });
        result.Success.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Contain("not supported yet: tail-call chaining on v1model");
        var nic = P4Compiler.CompileFile(Path.Combine(Dir, "firewall.p4"),
            new CompileOptions { CodeGen = EbpfGenOptions.Default with { TailCallOnPass = true, SmartNic = true } });
        nic.Errors.Should().ContainSingle().Which.Should().Contain("not supported yet: tail-call chaining on the smartnic target");
    }

    [Fact]
    public void The_switch_fills_the_prog_array_and_packets_pass_through_both_programs()
    {
        using var chain = ChainSwitch.Load([Compile("firewall.p4", true), Compile("router.p4", false)]);
        var slot = chain.Stages[0].Engine.Object.Map(LayoutPlanner.ChainMapName).Should().BeOfType<ProgArrayMap>().Subject;
        slot.GetProgram(0).Should().BeSameAs(chain.Stages[1].Engine.Object.Program(chain.Stages[1].Layout.Programs[0].Name));
        chain.Control.TableNames.Should().BeEquivalentTo(["Firewall.deny_src", "Firewall.open_ports", "Router.routes"]);
        Program(chain.Control, chain.Control);

        var routed = chain.Inject(1, Https);
        var output = routed.Outputs.Should().ContainSingle().Subject;
        output.Port.Should().Be(2, "the router's verdict and output_port decide");
        output.Data.Should().Equal(HttpsRouted);
        chain.Inject(1, Ssh).Drops.Should().ContainSingle().Which.Stage.Should().Be("firewall");
        chain.Inject(1, Far).Drops.Should().ContainSingle().Which.Stage.Should().Be("router", "the firewall passed it; the router has no route");
        chain.Control.ReadEntries("routes").Should().ContainSingle();
        var trace = chain.Inject(1, Https, trace: true).Trace!;
        trace.Events.OfType<TableEvent>().Select(e => e.Table).Should().Contain(["Firewall.open_ports", "Router.routes"], "the trace follows the tail call");
    }

    [Fact]
    public void The_cli_compiles_and_tests_a_chain_file()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "p4bpf.dll");
        var chain = Path.Combine(Dir, "service_chain.chain");
        var output = Directory.CreateTempSubdirectory("p4bpf-chain-").FullName;
        try
        {
            var (code, stdout, stderr) = Tooling.Run("dotnet", $"\"{cli}\" compile \"{chain}\" -o \"{output}\"", timeoutMs: 60_000);
            code.Should().Be(0, stderr);
            stdout.Should().Contain("chain: firewall -> router");
            CompiledPipeline.LoadFiles(Path.Combine(output, "firewall.o")).Layout.ChainMap.Should().Be(LayoutPlanner.ChainMapName);
            CompiledPipeline.LoadFiles(Path.Combine(output, "router.o")).Layout.ChainMap.Should().BeNull();

            (code, stdout, stderr) = Tooling.Run("dotnet", $"\"{cli}\" stf \"{chain}\" \"{Path.Combine(Dir, "service_chain.stf")}\"", timeoutMs: 60_000);
            code.Should().Be(0, stderr);
            stdout.Should().Contain("service_chain.stf: PASS");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void A_chain_whose_first_program_does_not_tail_call_is_refused()
    {
        var act = () => ChainSwitch.Load([Compile("firewall.p4", false), Compile("router.p4", false)]);
        act.Should().Throw<SwitchException>().WithMessage("*firewall*not compiled to tail-call*");
        var single = () => ChainSwitch.Load([Compile("router.p4", false)]);
        single.Should().Throw<SwitchException>().WithMessage("*at least two programs*");
    }

    [Fact]
    public void The_chained_pair_loads_into_the_kernel_and_the_tail_call_runs_the_router()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        using var fw = KernelSwitch.Load(Compile("firewall.p4", true), new KernelTargetOptions { ObjectName = "sc_fw" });
        using var router = KernelSwitch.Load(Compile("router.p4", false), new KernelTargetOptions { ObjectName = "sc_rt" });
        Program(fw.Control, router.Control);
        var entry = fw.Object.Programs.Should().ContainSingle().Subject;
        var next = router.Object.Programs.Should().ContainSingle().Subject;
        var prog = fw.Object.GetMap(LayoutPlanner.ChainMapName);
        prog.Type.Should().Be(MapType.ProgArray);

        // An empty slot falls through: the firewall's own XDP_PASS.
        entry.TestRun(new TestRunOptions(Https)).ReturnValue.Should().Be(2u);

        prog.SetProgram(0, next).Should().Be(0);
        var id = new byte[4];
        prog.LookupElem(new byte[4], id).Should().Be(0, "the kernel reports the program in slot 0");
        BitConverter.ToUInt32(id).Should().Be(next.Id);

        var run = entry.TestRun(new TestRunOptions(Https));
        run.ReturnValue.Should().Be(4u, "XDP_REDIRECT: the router's verdict");
        run.Data.Should().Equal(HttpsRouted);
        entry.TestRun(new TestRunOptions(Ssh)).ReturnValue.Should().Be(1u, "the firewall drops closed ports");
        var far = entry.TestRun(new TestRunOptions(Far));
        far.ReturnValue.Should().Be(1u, "the router drops what it cannot route");
    }
}
