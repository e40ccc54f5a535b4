using System.Runtime.CompilerServices;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Contexts;

/// <summary>A program context (<c>xdp_md</c> or <c>__sk_buff</c>) and its packet buffer, in one native block below 4 GiB.</summary>
/// <remarks>
/// Layout: the context struct at the block's start, then the packet frame (<see cref="FrameStart"/>): headroom, packet, tailroom, so
/// helpers can grow the packet at either end. The 32-bit <c>data</c>/<c>data_end</c>/<c>data_meta</c> fields hold the real addresses
/// (see <see cref="LowMemory"/>), and are rewritten by <see cref="Refresh"/> after every helper that moves the packet.
/// Reuse one instance per thread: <see cref="Load"/> resets it for the next packet. Not thread-safe.
/// </remarks>
public abstract unsafe class PacketContext : IDisposable
{
    /// <summary>Bytes reserved for the context struct at the block's start.</summary>
    private const int StructArea = 256;

    /// <summary>The whole block: struct area plus a frame large enough for any packet the skb helpers allow (64 KiB) and slack.</summary>
    private const int BlockSize = StructArea + (80 * 1024);

    private byte* _block;

    private protected PacketContext(ContextKind kind, int contextSize)
    {
        Kind = kind;
        ContextSize = contextSize;
        _block = (byte*)LowMemory.Allocate(BlockSize);
    }

    public ContextKind Kind { get; }

    /// <summary>Size of the context struct in bytes.</summary>
    public int ContextSize { get; }

    /// <summary>The context struct's address: what the program receives in r1.</summary>
    public nint Address => (nint)Block;

    /// <summary>First byte of the packet frame (the kernel's <c>data_hard_start</c> / <c>skb->head</c>).</summary>
    public nint FrameStart => (nint)(Block + StructArea);

    /// <summary>One past the last byte the frame may use.</summary>
    public nint FrameLimit => (nint)(Block + BlockSize);

    /// <summary>Start of the packet (the kernel's <c>data</c>).</summary>
    public nint Data { get; private protected set; }

    /// <summary>One past the packet's last byte (<c>data_end</c>).</summary>
    public nint DataEnd { get; private protected set; }

    /// <summary>Start of the metadata area in front of the packet (<c>data_meta</c>); equal to <see cref="Data"/> when there is none.</summary>
    public nint DataMeta { get; private protected set; }

    /// <summary>Packet length in bytes.</summary>
    public int Length => (int)(DataEnd - Data);

    /// <summary>The packet bytes in place.</summary>
    public Span<byte> Packet => new((void*)Data, Length);

    /// <summary>The context struct in place (fields at <see cref="XdpMdLayout"/> / <see cref="SkBuffLayout"/> offsets).</summary>
    public Span<byte> Struct => new(Block, ContextSize);

    /// <summary>Largest packet <see cref="Load"/> accepts.</summary>
    public abstract int MaxPacketSize { get; }

    private protected byte* Block => _block != null ? _block : throw new ObjectDisposedException(GetType().Name);

    /// <summary>The context kind a program type runs with, or null when the engine has no context for it.</summary>
    public static ContextKind? KindFor(ProgramType type) => type switch
    {
        ProgramType.Xdp => ContextKind.Xdp,
        ProgramType.SchedCls or ProgramType.SchedAct => ContextKind.Tc,
        ProgramType.SocketFilter or ProgramType.CgroupSkb => ContextKind.SocketFilter,
        _ => null,
    };

    /// <summary>A new context of <paramref name="kind"/>.</summary>
    public static PacketContext Create(ContextKind kind) => kind switch
    {
        ContextKind.Xdp => new XdpContext(),
        ContextKind.Tc => new SkBuffContext(isL2: true),
        ContextKind.SocketFilter => new SkBuffContext(isL2: false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Puts <paramref name="packet"/> (starting at its Ethernet header) into the buffer and resets every context field, as BPF_PROG_TEST_RUN prepares its input.</summary>
    /// <exception cref="ArgumentException">The packet is shorter than an Ethernet header or longer than <see cref="MaxPacketSize"/>.</exception>
    public abstract void Load(ReadOnlySpan<byte> packet);

    /// <summary>The packet after the run, as BPF_PROG_TEST_RUN returns it in <c>data_out</c>.</summary>
    public virtual byte[] GetOutputPacket() => Packet.ToArray();

    /// <summary>Writes the packet pointers (and lengths) into the context struct after the packet moved.</summary>
    public abstract void Refresh();

    /// <summary>Makes the context and packet the run's memory: the packet for <c>ld_abs</c> and checked mode, the struct as a writable region.</summary>
    /// <remarks>Call after <see cref="VmRunContext.ClearRegions"/> and before the run; helpers call it again (through <see cref="Refresh"/> callers) when the packet moves.</remarks>
    public void Bind(VmRunContext vm)
    {
        vm.AddRegion(Address, ContextSize, writable: true);
        BindPacket(vm);
    }

    /// <summary>Tells <paramref name="vm"/> where the packet is now (and, in checked mode, the metadata area in front of it).</summary>
    public void BindPacket(VmRunContext vm)
    {
        vm.SetPacket(Data, DataEnd);
        if (DataMeta < Data)
        {
            vm.AddRegion(DataMeta, Data - DataMeta, writable: true);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void WriteU32(int offset, uint value) => *(uint*)(Block + offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected uint ReadU32(int offset) => *(uint*)(Block + offset);

    private protected static void CheckLength(ReadOnlySpan<byte> packet, int max, int min = EthernetHeaderLength)
    {
        if (packet.Length < min)
        {
            throw new ArgumentException($"packet of {packet.Length} bytes is shorter than {(min == EthernetHeaderLength ? "an Ethernet header" : "the context's minimum")} ({min} bytes)", nameof(packet));
        }
        if (packet.Length > max)
        {
            throw new ArgumentException($"packet of {packet.Length} bytes exceeds the context's limit of {max} bytes", nameof(packet));
        }
    }

    /// <summary><c>ETH_HLEN</c>.</summary>
    public const int EthernetHeaderLength = 14;

    public void Dispose()
    {
        if (_block != null)
        {
            LowMemory.Free((nint)_block, BlockSize);
            _block = null;
        }
        GC.SuppressFinalize(this);
    }

    ~PacketContext() => Dispose();
}
