using P4Bpf.Ebpf.Isa;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.EbpfGen.CodeGen;

internal sealed partial class StageCompiler
{
    private const int HelperTailCall = 12;

    /// <summary>On the pass path of a chained program: <c>bpf_tail_call(ctx, &amp;p4bpf_chain, 0)</c>. A successful call never returns; an empty
    /// slot (or the kernel's chain limit) falls through to the code after it, which returns the program's own pass verdict.</summary>
    /// <remarks>The deparser has already written the packet, so the next program sees this one's output. Clobbers r0–r5.</remarks>
    private void ChainTailCall()
    {
        if (plan.Manifest.ChainMap is not { } chain)
        {
            return;
        }
        e.Emit(Alu.Mov.Reg(R1, CtxReg));
        LoadMap(R2, chain);
        e.Emit(Alu.Mov.Imm(R3, 0));
        e.Emit(Helper.Call(HelperTailCall));
    }
}
