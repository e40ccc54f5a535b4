using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Lowering;

/// <summary>The lowered program (null when lowering reported errors) and the architecture it was bound to.</summary>
public sealed record LoweringResult(IrProgram? Program, ArchitectureModel? Architecture)
{
    public bool Success => Program is not null;
}
