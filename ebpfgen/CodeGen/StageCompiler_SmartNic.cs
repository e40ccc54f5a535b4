using P4Bpf.Ebpf.Isa;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.EbpfGen.CodeGen;

/// <summary>Code for the SmartNIC variant of the pipeline (<see cref="EbpfGenOptions.SmartNic"/>): lpm lookups over per-prefix-length hash maps and
/// counters in shared (not per-CPU) arrays.</summary>
internal sealed partial class StageCompiler
{
    /// <summary>
    /// Longest-prefix match over an <see cref="TableKind.LpmHash"/> table: the key built by <c>BuildKey</c> (lpm field left-aligned, last) is probed in
    /// the full-length map, then one bit of the lpm field is cleared and the header set for each shorter prefix, longest first; the first hit leaves the
    /// value in r0. No loop: every probe is unrolled (the offload profile has no back-edges), ten instructions each.
    /// </summary>
    private void PrefixSearch(TableLayout layout, string miss)
    {
        var found = e.NewLabel("lpm_found");
        var lpm = layout.Key.Single(k => k.Match == "lpm");
        var masked = lpm.Width;
        foreach (var p in layout.PrefixMaps!)
        {
            for (; masked > p.PrefixLength; masked--)
            {
                var bit = masked - 1;
                var off = (short)(FrameKey + lpm.Offset + (bit / 8));
                e.Emit(Mem.LoadMem(R1, R10, off, MemSize.B));
                e.Emit(Alu.And.Imm(R1, ~(0x80 >> (bit % 8)) & 0xff));
                e.Emit(Mem.StoreMem(R10, off, R1, MemSize.B));
            }
            e.Emit(Mem.StoreImm(R10, FrameKey, layout.LpmPrefixBase + p.PrefixLength, MemSize.W));
            LoadMap(R1, p.Map);
            e.Emit(Alu.Mov.Reg(R2, R10));
            e.Emit(Alu.Add.Imm(R2, FrameKey));
            e.Emit(Helper.Call(HelperMapLookup));
            e.Emit(Jmp.JNe.Imm(R0, 0, found));
        }
        e.Jump(miss);
        e.Label(found);
    }

    /// <summary>Adds to the counter cell r0 points to with atomic adds (a plain ARRAY shared by every core); the index lookup was done.</summary>
    private void SharedCount(CounterUnit unit)
    {
        if (unit != CounterUnit.Bytes)
        {
            e.Emit(Alu.Mov.Imm(R1, 1));
            e.Emit(Mem.Atomic(AtomicOp.Add, MemSize.DW, R0, 0, R1));
        }
        if (unit != CounterUnit.Packets)
        {
            e.Emit(Mem.LoadMem(R1, StateReg, IntrinsicOffset("packet_length"), MemSize.W));
            e.Emit(Mem.Atomic(AtomicOp.Add, MemSize.DW, R0, 8, R1));
        }
    }
}
