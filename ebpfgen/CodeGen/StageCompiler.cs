using P4Bpf.Ebpf.Isa;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.EbpfGen.CodeGen;

/// <summary>Compiles one stage of an IR program into eBPF instructions.</summary>
/// <remarks>
/// Register convention: r6 = state area (per-CPU map value), r7 = context, r8 = packet data, r9 = packet cursor (parser) or
/// output offset (deparser); r0–r5 are expression scratch, dead across helper calls (statements never keep them live).
/// Stack frame: see the <c>Frame…</c> constants.
/// </remarks>
internal sealed partial class StageCompiler
{
    private static readonly Register StateReg = R6, CtxReg = R7, DataReg = R8, CursorReg = R9;

    // Stack frame (offsets from r10).
    private const short FrameIndexKey = -8;
    private const short FrameBestPtr = -16;
    private const short FrameBestPrio = -24;
    private const short FrameScratch = -32;
    private const short FrameSpillBase = -40;
    private const int SpillSlots = 24;
    private const short FrameMaskedKey = -384;
    private const short FrameKey = -512;

    /// <summary>Largest table key (bytes) the stack frame holds.</summary>
    public const int MaxKeyBytes = 128;

    // Helper ids (include/uapi/linux/bpf.h).
    private const int HelperMapLookup = 1;
    private const int HelperKtimeGetNs = 5;
    private const int HelperPrandomU32 = 7;
    private const int HelperXdpAdjustHead = 44;
    private const int HelperMapPushElem = 87;
    private const int HelperXdpGetBuffLen = 188;

    private readonly LayoutPlan plan;
    private readonly IrProgram program;
    private readonly IrStage stage;
    private readonly MapIndex maps;
    private readonly BpfEmitter e = new();
    private readonly RegisterPool pool = new();
    private readonly bool[] spillUsed = new bool[SpillSlots];
    private readonly Stack<string> returnLabels = new();
    private readonly Stack<IrAction> actionScope = new();
    private string dropLabel = "";
    private string blockEndLabel = "";
    private string? parserRejectLabel;
    private (Dictionary<EmitStmt, int> Index, List<short> Slots)? deparserFlags;
    private string? parserTooShortLabel;

    public StageCompiler(LayoutPlan plan, IrStage stage, MapIndex maps)
    {
        this.plan = plan;
        program = plan.Program;
        this.stage = stage;
        this.maps = maps;
    }

    public (Instruction[] Code, List<(int Slot, string Map)> MapRefs) Compile()
    {
        dropLabel = e.NewLabel("drop");
        Prologue();
        for (var i = 0; i < stage.Blocks.Count; i++)
        {
            blockEndLabel = e.NewLabel("block_end");
            var name = stage.Blocks[i];
            if (program.Parser(name) is { } parser)
            {
                CompileParser(parser);
            }
            else if (program.Control(name) is { } control)
            {
                CompileBlock(control.Body);
            }
            else
            {
                throw new CodegenException(5002, $"stage {stage.Name}: unknown block {name}");
            }
            e.Label(blockEndLabel);
        }
        if (stage.Deparser is not null)
        {
            blockEndLabel = e.NewLabel("block_end");
            CompileDeparser(program.Control(stage.Deparser) ?? throw new CodegenException(5002, $"unknown deparser {stage.Deparser}"));
            e.Label(blockEndLabel);
        }
        Epilogue();
        return e.Finish();
    }

    private void Prologue()
    {
        e.Emit(Alu.Mov.Reg(CtxReg, R1));
        e.Emit(Mem.StoreImm(R10, FrameIndexKey, 0, MemSize.W));
        e.Emit(Alu.Mov.Reg(R2, R10));
        e.Emit(Alu.Add.Imm(R2, FrameIndexKey));
        LoadMap(R1, LayoutPlanner.StateMapName);
        e.Emit(Helper.Call(HelperMapLookup));
        var ok = e.NewLabel("state_ok");
        e.Emit(Jmp.JNe.Imm(R0, 0, ok));
        e.Emit(Alu.Mov.Imm(R0, stage.DropCode));
        e.Emit(Jmp.Exit());
        e.Label(ok);
        e.Emit(Alu.Mov.Reg(StateReg, R0));
        var resetFrom = stage.Reset switch
        {
            StateReset.All => 0,
            StateReset.NonPipeline => IrType.AlignUp(plan.State.Slots.Where(s => s.Role == SlotRole.Pipeline).Select(s => s.Offset + s.Size).DefaultIfEmpty(0).Max(), 8),
            _ => plan.State.Size,
        };
        for (var off = resetFrom; off < plan.State.Size; off += 8)
        {
            e.Emit(Mem.StoreImm(StateReg, checked((short)off), 0, MemSize.DW));
        }
        ReloadPacketPointers();
        // Packet length as it arrived, kept in $intrinsics.packet_length: TC reads skb->len; a kernel XDP program asks
        // bpf_xdp_get_buff_len only when something uses the length; harness-driven stages get it from the harness.
        if (stage.Hook == StageHook.Tc)
        {
            e.Emit(Mem.LoadMem(R0, CtxReg, 0, MemSize.W));
            e.Emit(Mem.StoreMem(StateReg, IntrinsicOffset("packet_length"), R0, MemSize.W));
        }
        else if (stage.Reset == StateReset.All && PacketLengthUse.Needed(program, stage))
        {
            e.Emit(Alu.Mov.Reg(R1, CtxReg));
            e.Emit(Helper.Call(HelperXdpGetBuffLen));
            e.Emit(Mem.StoreMem(StateReg, IntrinsicOffset("packet_length"), R0, MemSize.W));
        }
        foreach (var (target, source) in stage.ContextInputs)
        {
            var v = Eval(new IntrinsicValue(source, target.Type));
            Store(target, v);
            pool.Free(v);
        }
        e.Emit(Alu.Mov.Imm(CursorReg, 0));
    }

    private void Epilogue()
    {
        switch (stage.Verdict)
        {
            case BoolVerdict b:
            {
                var no = e.NewLabel("verdict_false");
                CondJump(b.Condition, no, jumpIfTrue: false);
                ChainTailCall();
                e.Emit(Alu.Mov.Imm(R0, b.IfTrue));
                e.Emit(Jmp.Exit());
                e.Label(no);
                e.Emit(Alu.Mov.Imm(R0, b.IfFalse));
                e.Emit(Jmp.Exit());
                break;
            }
            case ValueVerdict v:
            {
                var r = Eval(v.Value);
                e.Emit(Alu.Mov.Reg(R0, r));
                pool.Free(r);
                if (plan.Manifest.ChainMap is not null)
                {
                    var own = e.NewLabel("verdict_own");
                    e.Emit(Jmp.JNe.Imm(R0, XdpModel.XdpPass, own));
                    ChainTailCall();
                    e.Emit(Alu.Mov.Imm(R0, XdpModel.XdpPass));
                    e.Label(own);
                }
                e.Emit(Jmp.Exit());
                break;
            }
            case ConstantVerdict c:
                e.Emit(Alu.Mov.Imm(R0, c.Value));
                e.Emit(Jmp.Exit());
                break;
        }
        e.Label(dropLabel);
        e.Emit(Mem.StoreImm(StateReg, IntrinsicOffset("drop"), 1, MemSize.B));
        e.Emit(Alu.Mov.Imm(R0, stage.DropCode));
        e.Emit(Jmp.Exit());
    }

    /// <summary>r8 = packet data (after the prologue and after any helper that moves the packet).</summary>
    private void ReloadPacketPointers() => e.Emit(Mem.LoadMem(DataReg, CtxReg, stage.Hook == StageHook.Tc ? (short)76 : (short)0, MemSize.W));

    private void LoadDataEnd(Register dst) => e.Emit(Mem.LoadMem(dst, CtxReg, stage.Hook == StageHook.Tc ? (short)80 : (short)4, MemSize.W));

    private void LoadMap(Register dst, string map) => e.LoadMap(dst, map, maps.IndexOf(map));

    private short IntrinsicOffset(string field) =>
        checked((short)(plan.State.Slot(ArchitectureModel.IntrinsicsSlot).Offset + ArchitectureModel.Intrinsics.Field(field).StorageOffset));

    private Register Alloc()
    {
        if (!pool.TryAllocate(out var r))
        {
            throw new CodegenException(5003, "expression needs more registers than the generator can spill (internal limit)");
        }
        return r;
    }

    private short AllocSpill()
    {
        for (var i = 0; i < SpillSlots; i++)
        {
            if (!spillUsed[i])
            {
                spillUsed[i] = true;
                return (short)(FrameSpillBase - (8 * i));
            }
        }
        throw new CodegenException(5004, "too many spilled values in one expression");
    }

    private void FreeSpill(short slot) => spillUsed[(FrameSpillBase - slot) / 8] = false;

    private static MemSize SizeOf(int bytes) => bytes switch
    {
        1 => MemSize.B,
        2 => MemSize.H,
        4 => MemSize.W,
        8 => MemSize.DW,
        _ => throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "not a scalar size"),
    };
}
