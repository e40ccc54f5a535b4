using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Kernel;

public static unsafe partial class BpfSyscall
{
    /// <summary><c>BPF_LINK_CREATE</c> for an interface hook: <see cref="BpfAttachType.Xdp"/> (flags = <see cref="XdpAttachMode"/>)
    /// or <see cref="BpfAttachType.TcxIngress"/>/<see cref="BpfAttachType.TcxEgress"/> (appended after the programs already there).</summary>
    /// <remarks>The program stays attached while the link's descriptor is open (or the link is pinned).</remarks>
    public static BpfFd LinkCreate(BpfFd program, int ifindex, BpfAttachType attachType, uint flags = 0)
    {
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        attr.Clear();
        using var lease = new FdLease(program);
        WriteU32(attr, BpfAttrLayout.LinkProgFd, (uint)lease.Fd);
        WriteU32(attr, BpfAttrLayout.LinkTargetIfindex, (uint)ifindex);
        WriteU32(attr, BpfAttrLayout.LinkAttachType, (uint)attachType);
        WriteU32(attr, BpfAttrLayout.LinkFlags, flags);
        return NewFd(BpfCommand.LinkCreate, Libc.Bpf(BpfCommand.LinkCreate, attr), $"attaching {program} to ifindex {ifindex} ({attachType})");
    }

    /// <summary><c>BPF_LINK_UPDATE</c>: swaps the link's program for <paramref name="newProgram"/> atomically (the hook never runs without a program);
    /// with <paramref name="expectedOld"/>, only if that program is the one attached now (<c>BPF_F_REPLACE</c>, EPERM otherwise).</summary>
    public static void LinkUpdate(BpfFd link, BpfFd newProgram, BpfFd? expectedOld = null)
    {
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        attr.Clear();
        using var linkLease = new FdLease(link);
        using var newLease = new FdLease(newProgram);
        using var oldLease = new FdLease(expectedOld);
        WriteU32(attr, BpfAttrLayout.LinkUpdateFd, (uint)linkLease.Fd);
        WriteU32(attr, BpfAttrLayout.LinkUpdateNewProgFd, (uint)newLease.Fd);
        if (expectedOld is not null)
        {
            WriteU32(attr, BpfAttrLayout.LinkUpdateFlags, BpfAttrLayout.LinkUpdateReplace);
            WriteU32(attr, BpfAttrLayout.LinkUpdateOldProgFd, (uint)oldLease.Fd);
        }
        Check(BpfCommand.LinkUpdate, Libc.Bpf(BpfCommand.LinkUpdate, attr), $"replacing the program of link {link} with {newProgram}");
    }

    /// <summary><c>BPF_LINK_DETACH</c>: detaches the link's program now, even if other descriptors or a pin keep the link alive.</summary>
    public static void LinkDetach(BpfFd link)
    {
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        attr.Clear();
        using var lease = new FdLease(link);
        WriteU32(attr, BpfAttrLayout.LinkDetachFd, (uint)lease.Fd);
        Check(BpfCommand.LinkDetach, Libc.Bpf(BpfCommand.LinkDetach, attr), $"detaching link {link}");
    }

    /// <summary><c>BPF_OBJ_GET_INFO_BY_FD</c> on a map.</summary>
    public static KernelMapInfo GetMapInfo(BpfFd map)
    {
        Span<byte> info = stackalloc byte[88];
        GetInfo(map, info, "map");
        return new KernelMapInfo((MapType)ReadU32(info, 0), ReadU32(info, 4), ReadU32(info, 8), ReadU32(info, 12), ReadU32(info, 16),
            ReadU32(info, 20), CStringAt(info.Slice(24, 16)), ReadU32(info, 64), ReadU32(info, 68), ReadU32(info, 72));
    }

    /// <summary><c>BPF_OBJ_GET_INFO_BY_FD</c> on a program.</summary>
    public static KernelProgramInfo GetProgramInfo(BpfFd program)
    {
        Span<byte> info = stackalloc byte[232];
        GetInfo(program, info, "program");
        return new KernelProgramInfo((ProgramType)ReadU32(info, 0), ReadU32(info, 4), Convert.ToHexStringLower(info.Slice(8, 8)),
            CStringAt(info.Slice(64, 16)), ReadU32(info, 16), ReadU32(info, 20), ReadU32(info, 216),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(info[192..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(info[200..]));
    }

    /// <summary><c>BPF_OBJ_GET_INFO_BY_FD</c> on a link.</summary>
    public static KernelLinkInfo GetLinkInfo(BpfFd link)
    {
        Span<byte> info = stackalloc byte[48];
        GetInfo(link, info, "link");
        var type = ReadU32(info, 0);
        // struct bpf_link_info: the per-type union starts at 16; xdp.ifindex and tcx.ifindex are its first member.
        var ifindex = type is KernelLinkInfo.TypeXdp or KernelLinkInfo.TypeTcx ? ReadU32(info, 16) : 0;
        return new KernelLinkInfo(type, ReadU32(info, 4), ReadU32(info, 8), ifindex);
    }

    private static void GetInfo(BpfFd fd, Span<byte> info, string what)
    {
        info.Clear();
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        attr.Clear();
        using var lease = new FdLease(fd);
        fixed (byte* i = info)
        {
            WriteU32(attr, BpfAttrLayout.InfoBpfFd, (uint)lease.Fd);
            WriteU32(attr, BpfAttrLayout.InfoLength, (uint)info.Length);
            WriteU64(attr, BpfAttrLayout.Info, (ulong)i);
            Check(BpfCommand.ObjGetInfoByFd, Libc.Bpf(BpfCommand.ObjGetInfoByFd, attr), $"reading the {what} info of {fd}");
        }
    }
}
