using System.Buffers.Binary;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Kernel;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Tests.Kernel;

/// <summary>Attaching to real interfaces: an XDP and a TC (tcx) program that count packets in an array map, on the host end of a veth pair
/// whose peer lives in a test network namespace; frames sent from the namespace (AF_PACKET) must move the counters only while the programs are attached.</summary>
public sealed class KernelAttachTests
{
    /// <summary>counters[slot] += 1 (atomically), then return <paramref name="verdict"/>.</summary>
    private static ProgramSpec Counter(string name, string section, ProgramType type, int slot, int verdict)
    {
        var code = Assembler.AssembleToBytes($"""
            *(u32 *)(r10 - 4) = {slot}
            r2 = r10
            r2 += -4
            r1 = map_by_fd(0) ll
            call 1
            if r0 == 0 goto +2
            r1 = 1
            lock *(u64 *)(r0 + 0) += r1
            r0 = {verdict}
            exit
            """);
        return new ProgramSpec(name, section, type, EquatableArray.Create<byte>(code))
        {
            Relocations = EquatableArray.Create(new Relocation(3, RelocationKind.MapFd, "counters")),
        };
    }

    private static ObjectSpec CountingObject() => new("GPL",
        EquatableArray.Create(Counter("xdp_count", "xdp", ProgramType.Xdp, 0, 2), Counter("tc_count", "tc", ProgramType.SchedCls, 1, 0)),
        EquatableArray.Create(new MapSpec("counters", MapType.Array, 4, 8, 2)));

    private static ulong Count(KernelMap counters, uint slot)
    {
        var key = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(key, slot);
        return BinaryPrimitives.ReadUInt64LittleEndian(counters.Lookup(key));
    }

    [Fact]
    public void XdpAndTcProgramsCountPacketsWhileAttached()
    {
        Assert.SkipUnless(VethPair.CanCreate, VethPair.CannotCreateReason);
        using var veth = VethPair.Create();
        using var loaded = KernelLoader.Load(CountingObject(), new KernelLoaderOptions("attach"));
        var counters = loaded.GetMap("counters");
        var xdp = loaded.GetProgram("xdp_count");
        var tc = loaded.GetProgram("tc_count");

        var xdpLink = xdp.AttachXdp(veth.HostInterface);
        var tcLink = tc.AttachTc(veth.HostInterface, TcDirection.Ingress);
        var ifindex = BpfSyscall.InterfaceIndex(veth.HostInterface);
        xdpLink.QueryInfo().Should().Be(new KernelLinkInfo(KernelLinkInfo.TypeXdp, xdpLink.QueryInfo().Id, xdp.Id, (uint)ifindex));
        tcLink.QueryInfo().Ifindex.Should().Be((uint)ifindex);
        tcLink.QueryInfo().Type.Should().Be(KernelLinkInfo.TypeTcx);
        xdp.Links.Should().ContainSingle();

        veth.SendFromNamespace(5);
        var xdpSeen = WaitForCount(counters, 0, 5);
        var tcSeen = WaitForCount(counters, 1, 5);
        xdpSeen.Should().BeGreaterThanOrEqualTo(5, "five frames went through the XDP hook");
        tcSeen.Should().BeGreaterThanOrEqualTo(5, "XDP_PASS hands the same frames to tc ingress");

        xdpLink.Detach();
        tcLink.Dispose();
        xdp.Links.Should().BeEmpty();
        Thread.Sleep(50);
        var (xdpAfter, tcAfter) = (Count(counters, 0), Count(counters, 1));
        veth.SendFromNamespace(3);
        Thread.Sleep(200);
        Count(counters, 0).Should().Be(xdpAfter, "a detached XDP program sees nothing");
        Count(counters, 1).Should().Be(tcAfter, "closing the tcx link detaches the program");
    }

    [Fact]
    public void XdpDropStopsTrafficAndDisposeDetaches()
    {
        Assert.SkipUnless(VethPair.CanCreate, VethPair.CannotCreateReason);
        using var veth = VethPair.Create();
        var spec = CountingObject();
        spec = spec with { Programs = EquatableArray.Create(Counter("xdp_drop", "xdp", ProgramType.Xdp, 0, 1), Counter("tc_count", "tc", ProgramType.SchedCls, 1, 0)) };
        using var loaded = KernelLoader.Load(spec, new KernelLoaderOptions("drop"));
        var counters = loaded.GetMap("counters");
        loaded.GetProgram("tc_count").AttachTc(veth.HostInterface, TcDirection.Ingress);
        using (var xdpLink = loaded.GetProgram("xdp_drop").AttachXdp(veth.HostInterface, XdpAttachMode.Generic))
        {
            veth.SendFromNamespace(4);
            WaitForCount(counters, 0, 4).Should().BeGreaterThanOrEqualTo(4);
            Count(counters, 1).Should().Be(0, "XDP_DROP keeps the frames from tc ingress");
            var wrongHook = () => loaded.GetProgram("xdp_drop").AttachTc(veth.HostInterface, TcDirection.Egress);
            wrongHook.Should().Throw<InvalidOperationException>();
            var noSuchInterface = () => loaded.GetProgram("xdp_drop").AttachXdp("p4bpf-none0");
            noSuchInterface.Should().Throw<ArgumentException>();
        }
        veth.SendFromNamespace(2);
        WaitForCount(counters, 1, 2).Should().BeGreaterThanOrEqualTo(2, "disposing the link detached the drop program");
    }

    /// <summary>The counter once it reaches <paramref name="atLeast"/> (frames cross the veth asynchronously), or its value after a second.</summary>
    private static ulong WaitForCount(KernelMap counters, uint slot, ulong atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(1);
        ulong value;
        while ((value = Count(counters, slot)) < atLeast && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }
        return value;
    }
}
