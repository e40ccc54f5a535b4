using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Targets;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Targets;

namespace P4Bpf.Cli.Commands;

internal static partial class RunCommand
{
    /// <summary>One <c>--iface N=IFNAME</c> of the kernel target.</summary>
    private sealed record IfaceSpec(int Port, string Interface);

    private static IfaceSpec ParseIface(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var name = eq > 0 ? text[(eq + 1)..] : "";
        if (eq <= 0 || !int.TryParse(text[..eq], out var port) || port < 0 || name.Length is 0 or > 15 || name.Contains('/', StringComparison.Ordinal))
        {
            throw new CliException($"bad --iface '{text}' (expected N=IFNAME, e.g. 1=veth0)");
        }
        return new IfaceSpec(port, name);
    }

    /// <summary>The architectures the kernel target can attach to an interface: XDP for xdp_model, TC ingress for ebpf_model.</summary>
    private static string? KernelAttachProblem(string architecture) => architecture is "xdp_model" or "ebpf_model"
        ? null
        : $"not supported yet: attaching {architecture} to an interface on the kernel target (its stages are joined by the C# traffic manager; " +
          "xdp_model attaches at XDP, ebpf_model at TC; run it with --target software or test it with p4bpf stf --target kernel)";

    /// <summary>A device factory for the kernel target: loads each committed pipeline through <c>bpf()</c>, attaches it to every
    /// <paramref name="ifaces"/> interface and serves the kernel's maps; disposing the device detaches and unloads it (nothing is pinned).
    /// A pipeline pushed while another runs is swapped onto the same links (BPF_LINK_UPDATE: XDP and tcx alike), before the old device is
    /// disposed, so the interfaces never run without a program; should the new device fail after that, the old program goes back on.</summary>
    private static P4DeviceFactory KernelFactory(IReadOnlyList<IfaceSpec> ifaces, Action<KernelSwitch> onLoaded)
    {
        var hooks = new KernelSwitchHooks();
        return (program, layout, _) => LoadKernelDevice(program, layout, ifaces, hooks, onLoaded);
    }

    private static IP4Device LoadKernelDevice(ObjectSpec program, LayoutManifest layout, IReadOnlyList<IfaceSpec> ifaces, KernelSwitchHooks hooks,
        Action<KernelSwitch> onLoaded)
    {
        if (KernelAttachProblem(layout.Architecture) is { } problem)
        {
            throw new DeviceException(DeviceErrorKind.Unsupported, problem);
        }
        KernelSwitch ks;
        try
        {
            ks = KernelSwitch.Load(new CompiledPipeline(program, layout));
        }
        catch (SwitchException e)
        {
            throw new DeviceException(DeviceErrorKind.Invalid, e.Message);
        }
        try
        {
            foreach (var i in ifaces)
            {
                var link = layout.Architecture == "xdp_model" ? ks.AttachXdp(i.Interface, hooks: hooks) : ks.AttachTc(i.Interface, hooks: hooks);
                var hook = layout.Architecture == "xdp_model" ? "XDP" : "TC ingress";
                Console.WriteLine($"attached {layout.Program} ({hook}) to {i.Interface} (port {i.Port}; program id {link.Program.Id}; the kernel program sees ifindex {link.Ifindex})");
            }
            var maps = new Dictionary<string, IMapAccess>(StringComparer.Ordinal);
            foreach (var m in ks.Object.Maps)
            {
                maps.TryAdd(m.Name, m);
            }
            // KernelSwitch installed the program's own entries at load.
            var device = MapDevice.Over(layout, maps, owner: ks, installInitialEntries: false);
            onLoaded(ks);
            return device;
        }
        catch (SwitchException e)
        {
            ks.Dispose();
            throw new DeviceException(DeviceErrorKind.Invalid, e.Message);
        }
        catch
        {
            ks.Dispose();
            throw;
        }
    }

    /// <summary>The software factory for <c>--target smartnic</c>: the offload check at load (reasons name the construct), then the software switch.</summary>
    private static P4DeviceFactory SmartNicFactory(P4DeviceFactory software) => (program, layout, info) =>
    {
        var problems = SmartNicCheck.Check(new CompiledPipeline(program, layout));
        if (problems.Count > 0)
        {
            throw new DeviceException(DeviceErrorKind.Invalid, $"{layout.Program} does not offload to the SmartNIC: {string.Join("; ", problems)}");
        }
        return software(program, layout, info);
    };
}
