using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>A program loaded (and verified) by the kernel: attach it to interfaces, test-run it on packets, pin it.</summary>
/// <remarks>Disposing closes its links, then its descriptor; the kernel frees the program when nothing else refers to it.</remarks>
public sealed class KernelProgram : IDisposable
{
    private readonly List<KernelLink> _links = [];

    internal KernelProgram(ProgramSpec spec, BpfFd fd, KernelProgramInfo info, string verifierLog)
    {
        Spec = spec;
        Fd = fd;
        Info = info;
        VerifierLog = verifierLog;
    }

    public ProgramSpec Spec { get; }

    public BpfFd Fd { get; }

    /// <summary>What the kernel reported after the load (id, tag, JIT size, verified instruction count).</summary>
    public KernelProgramInfo Info { get; }

    /// <summary>The verifier log of the load (empty unless a log level was asked for).</summary>
    public string VerifierLog { get; }

    public string Name => Spec.Name;

    public string SectionName => Spec.SectionName;

    public ProgramType Type => Spec.Type;

    public uint Id => Info.Id;

    /// <summary>The links made by the attach methods that are still open.</summary>
    public IReadOnlyList<KernelLink> Links => _links.Where(l => !l.IsDisposed).ToList();

    /// <summary>Where this program was pinned by <see cref="Pin"/>, or null.</summary>
    public string? PinPath { get; private set; }

    /// <summary>Attaches this XDP program to the interface <paramref name="interfaceName"/> through an XDP link.</summary>
    public KernelLink AttachXdp(string interfaceName, XdpAttachMode mode = XdpAttachMode.Default) =>
        AttachXdp(BpfSyscall.InterfaceIndex(interfaceName), mode);

    /// <summary>Attaches this XDP program to the interface with index <paramref name="ifindex"/> through an XDP link.</summary>
    public KernelLink AttachXdp(int ifindex, XdpAttachMode mode = XdpAttachMode.Default)
    {
        if (Type != ProgramType.Xdp)
        {
            throw new InvalidOperationException($"program '{Name}' has type {Type}; only XDP programs attach to the XDP hook");
        }
        return Attach(ifindex, BpfAttachType.Xdp, (uint)mode);
    }

    /// <summary>Attaches this TC program to <paramref name="interfaceName"/>'s ingress or egress (tcx link, Linux 6.6+), after the programs already there.</summary>
    public KernelLink AttachTc(string interfaceName, TcDirection direction) => AttachTc(BpfSyscall.InterfaceIndex(interfaceName), direction);

    /// <summary>Attaches this TC program to the ingress or egress of the interface with index <paramref name="ifindex"/>.</summary>
    public KernelLink AttachTc(int ifindex, TcDirection direction)
    {
        if (Type != ProgramType.SchedCls)
        {
            throw new InvalidOperationException($"program '{Name}' has type {Type}; only sched_cls (tc) programs attach to tcx");
        }
        return Attach(ifindex, direction == TcDirection.Ingress ? BpfAttachType.TcxIngress : BpfAttachType.TcxEgress, 0);
    }

    private KernelLink Attach(int ifindex, BpfAttachType type, uint flags)
    {
        var link = new KernelLink(this, BpfSyscall.LinkCreate(Fd, ifindex, type, flags), ifindex, type);
        _links.Add(link);
        return link;
    }

    /// <summary>Runs the program once or <see cref="TestRunOptions.Repeat"/> times on a packet in the kernel (<c>BPF_PROG_TEST_RUN</c>).</summary>
    public TestRunResult TestRun(TestRunOptions options) => BpfSyscall.ProgTestRun(Fd, options);

    /// <summary>Pins the program at <paramref name="path"/>.</summary>
    public void Pin(string path)
    {
        BpfSyscall.ObjPin(Fd, path);
        PinPath = path;
    }

    /// <summary>Removes the pin made by <see cref="Pin"/>, if any.</summary>
    public void Unpin()
    {
        if (PinPath is { } path)
        {
            File.Delete(path);
            PinPath = null;
        }
    }

    /// <summary>Moves <paramref name="link"/> (now running this program, after <see cref="KernelLink.Replace"/>) from its former program's links to this one's.</summary>
    internal void Adopt(KernelLink link, KernelProgram former)
    {
        former._links.Remove(link);
        _links.Add(link);
    }

    public KernelProgramInfo QueryInfo() => BpfSyscall.GetProgramInfo(Fd);

    public void Dispose()
    {
        foreach (var link in _links)
        {
            link.Dispose();
        }
        _links.Clear();
        Fd.Dispose();
    }

    public override string ToString() => $"{Name} ({SectionName}, {Type}, id {Id})";
}
