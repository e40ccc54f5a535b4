using P4Bpf.Examples;

namespace P4Bpf.Cli.Demo;

/// <summary>The example controllers the demo can run (their sources live beside the examples, <c>examples/NAME/Controller.cs</c>).</summary>
internal static class ExampleControllers
{
    public static IReadOnlyList<ExampleController> All =>
    [
        new L3RouterController(),
        new L2SwitchController(),
        new AclFirewallController(),
        new NatController(),
        new L4LbController(),
        new VxlanController(),
        new EbpfFilterController(),
        new XdpDdosController(),
    ];

    /// <summary>Examples that exist but cannot run as a demo yet, and why.</summary>
    public static IReadOnlyList<(string Example, string Why)> NotRunnable =>
    [
        ("service-chain", "the chain runs in the software switch (p4bpf stf examples/service-chain/service_chain.chain examples/service-chain/service_chain.stf), but serving two chained programs over P4Runtime needs one P4Info for both, which is not built yet (see examples/service-chain/README.md)"),
    ];

    public static ExampleController? Create(string name) => All.FirstOrDefault(c => c.Example == name);
}
