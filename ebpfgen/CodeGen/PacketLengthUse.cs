using P4Bpf.Midend.Ir;
using P4Bpf.Midend.Passes;

namespace P4Bpf.EbpfGen.CodeGen;

/// <summary>Whether a stage needs the packet length: it reads it, or counts/meters bytes.</summary>
internal sealed class PacketLengthUse : IrWalker
{
    private readonly IrProgram program;
    private bool needed;

    private PacketLengthUse(IrProgram program) => this.program = program;

    public static bool Needed(IrProgram program, IrStage stage)
    {
        var walker = new PacketLengthUse(program);
        if (program.Externs.Any(x => x.Kind is ExternKind.Counter or ExternKind.Meter && x.Unit != CounterUnit.Packets)
            || program.Tables.Any(t => t.DirectCounter is not null))
        {
            return true;
        }
        foreach (var block in stage.Blocks.Append(stage.Deparser).OfType<string>())
        {
            if (program.Control(block) is { } c)
            {
                walker.WalkStmt(c.Body);
            }
            foreach (var s in program.Parser(block)?.States ?? IrList<ParserState>.Empty)
            {
                walker.WalkStmt(s.Body);
            }
        }
        foreach (var a in program.Actions)
        {
            walker.WalkStmt(a.Body);
        }
        foreach (var (target, source) in stage.ContextInputs)
        {
            walker.needed |= source == IntrinsicValueKind.PacketLength;
        }
        return walker.needed;
    }

    protected override bool PreExpr(IrExpr e)
    {
        needed |= e is IntrinsicValue { Kind: IntrinsicValueKind.PacketLength };
        return !needed;
    }
}
