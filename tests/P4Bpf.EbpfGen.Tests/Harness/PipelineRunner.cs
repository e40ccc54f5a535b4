using System.Buffers.Binary;
using System.Runtime.InteropServices;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Vm;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;

namespace P4Bpf.EbpfGen.Tests.Harness;

/// <summary>Runs generated stage programs in our interpreter (checked mode) with test maps, a test context and the helpers codegen uses.</summary>
/// <remarks>
/// Like the kernel's context rewrite, 32-bit context loads of data/data_end are turned into 64-bit loads of a test context
/// (<c>[0] data, [8] data_end, [16] ifindex u32, [20] skb len u32</c>); lddw map references become map handles (index + 1).
/// </remarks>
internal sealed unsafe class PipelineRunner : IDisposable
{
    private const int Headroom = 256;
    private const int BufferSize = 4096;
    private readonly EbpfGenResult result;
    private readonly Dictionary<string, VmProgram> programs = new();
    private readonly byte* buffer;
    private readonly byte* ctx;
    private readonly Interpreter interpreter;

    public PipelineRunner(EbpfGenResult result)
    {
        this.result = result;
        result.Success.Should().BeTrue(string.Join("\n", result.Errors));
        Maps = result.Object!.Maps.Select(m => new TestMap(m)).ToList();
        foreach (var w in result.Layout!.InitialWrites)
        {
            Map(w.Map).Update(Convert.FromHexString(w.Key), Convert.FromHexString(w.Value));
        }
        foreach (var stage in result.Stages)
        {
            var hook = stage.Program.Type == Ebpf.Programs.ProgramType.Xdp ? StageHook.Xdp : StageHook.Tc;
            programs[stage.Name] = VmProgram.Create(Rewrite(stage.Instructions, hook), stage.Name);
        }
        buffer = (byte*)NativeMemory.AllocZeroed(BufferSize);
        ctx = (byte*)NativeMemory.AllocZeroed(64);
        var helpers = new HelperTable()
            .Add(1, "map_lookup_elem", MapLookup)
            .Add(5, "ktime_get_ns", (_, _, _, _, _, _) => NowNs)
            .Add(7, "get_prandom_u32", (_, _, _, _, _, _) => 12345)
            .Add(44, "xdp_adjust_head", AdjustHead)
            .Add(87, "map_push_elem", MapPush)
            .Add(188, "xdp_get_buff_len", (_, _, _, _, _, c) => (ulong)(c.PacketEnd - c.PacketData));
        interpreter = new Interpreter(helpers, new InterpreterOptions(CheckedMemory: true));
    }

    public List<TestMap> Maps { get; }

    /// <summary>What bpf_ktime_get_ns returns.</summary>
    public ulong NowNs { get; set; } = 1_000_000_000_000;

    public LayoutManifest Layout => result.Layout!;

    public TestMap Map(string name) => Maps.First(m => m.Spec.Name == name);

    public long LastInstructionCount { get; private set; }

    private static List<Instruction> Rewrite(IReadOnlyList<Instruction> code, StageHook hook)
    {
        var r7 = Register.R7;
        return code.Select(i =>
        {
            if (i.Op.Raw == 0x18 && i.Src.Index == (byte)PseudoSource.MapFd)
            {
                return Mem.LoadImm64(i.Dst, (i.Imm & 0xffffffff) + 1);
            }
            if (i.Op == Mem.LoadMem(i.Dst, r7, 0, MemSize.W).Op && i.Src == r7)
            {
                return (hook, i.Offset) switch
                {
                    (StageHook.Xdp, 0) or (StageHook.Tc, 76) => Mem.LoadMem(i.Dst, r7, 0, MemSize.DW),
                    (StageHook.Xdp, 4) or (StageHook.Tc, 80) => Mem.LoadMem(i.Dst, r7, 8, MemSize.DW),
                    (StageHook.Xdp, 12) or (StageHook.Tc, 36) => Mem.LoadMem(i.Dst, r7, 16, MemSize.W),
                    (StageHook.Tc, 0) => Mem.LoadMem(i.Dst, r7, 20, MemSize.W),
                    _ => throw new InvalidOperationException($"unexpected context load at offset {i.Offset}"),
                };
            }
            return i;
        }).ToList();
    }

    private ulong MapLookup(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext c)
    {
        var map = Maps[(int)r1 - 1];
        var key = c.GetSpan(r2, (int)map.Spec.KeySize, false);
        return (ulong)map.Lookup(key);
    }

    private ulong MapPush(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext c)
    {
        var map = Maps[(int)r1 - 1];
        map.Queue.Add(c.GetSpan(r2, (int)map.Spec.ValueSize, false).ToArray());
        return 0;
    }

    private ulong AdjustHead(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext c)
    {
        var delta = (long)r2;
        var data = (long)c.PacketData + delta;
        if (data < (long)buffer || data > (long)c.PacketEnd - 14)
        {
            return unchecked((ulong)-22);
        }
        c.SetPacket((nint)data, c.PacketEnd);
        BinaryPrimitives.WriteInt64LittleEndian(new Span<byte>(ctx, 8), data);
        return 0;
    }

    /// <summary>Runs one stage on a packet; returns the verdict and the packet as it is afterwards.</summary>
    public (ulong Verdict, byte[] Packet) Run(string stage, byte[] packet, uint ifindex = 1)
    {
        if (packet.Length + Headroom > BufferSize)
        {
            throw new ArgumentException("packet too large");
        }
        var data = buffer + Headroom;
        packet.CopyTo(new Span<byte>(data, packet.Length));
        using var context = new VmRunContext();
        context.SetPacket((nint)data, (nint)(data + packet.Length));
        BinaryPrimitives.WriteInt64LittleEndian(new Span<byte>(ctx, 8), (long)data);
        BinaryPrimitives.WriteInt64LittleEndian(new Span<byte>(ctx + 8, 8), (long)(data + packet.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(ctx + 16, 4), ifindex);
        BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(ctx + 20, 4), (uint)packet.Length);
        context.AddRegion((nint)ctx, 64, false);
        foreach (var map in Maps)
        {
            foreach (var v in map.Values)
            {
                context.AddRegion(v, Math.Max(1, map.Spec.ValueSize), true);
            }
        }
        var verdict = interpreter.Run(programs[stage], context, (ulong)ctx);
        LastInstructionCount = context.InstructionCount;
        var outStart = context.PacketData;
        var outEnd = context.PacketEnd;
        return (verdict, new Span<byte>((void*)outStart, (int)(outEnd - outStart)).ToArray());
    }

    /// <summary>Writes a table entry through the layout manifest.</summary>
    public void AddEntry(string table, KeyMatch[] keys, string action, System.Numerics.BigInteger[] args, int priority = 1)
    {
        var layout = Layout.Table(table);
        if (!ternaryMasks.TryGetValue(table, out var masks))
        {
            ternaryMasks[table] = masks = new TernaryMaskSet();
        }
        foreach (var w in TableEntryEncoder.EncodeEntry(layout, keys, action, args, priority, masks))
        {
            Map(w.Map).Update(w.Key, w.Value);
        }
    }

    /// <summary>Sets the control plane's default action of a table.</summary>
    public void SetDefault(string table, string action, params System.Numerics.BigInteger[] args)
    {
        var layout = Layout.Table(table);
        Map(layout.DefaultMap!).Update(new byte[4], TableEntryEncoder.EncodeValue(layout, action, args));
    }

    private readonly Dictionary<string, TernaryMaskSet> ternaryMasks = new();

    /// <summary>Reads a scalar field of a state slot (e.g. <c>$intrinsics</c>.<c>drop</c>) after a run.</summary>
    public System.Numerics.BigInteger StateField(string slot, string field)
    {
        var s = Layout.State.Slot(slot);
        var f = s.Fields!.First(x => x.Name == field);
        var state = Map(Layout.State.Map).Read(new byte[4]);
        return TableEntryEncoder.ReadField(state, s.Offset + f.Offset, f.Size, f.Width, f.Encoding);
    }

    public void Dispose()
    {
        foreach (var m in Maps)
        {
            m.Dispose();
        }
        NativeMemory.Free(buffer);
        NativeMemory.Free(ctx);
    }
}
