using P4Bpf.Ebpf.Isa;

namespace P4Bpf.EbpfGen.CodeGen;

/// <summary>Collects instructions with labels and map references; several labels may name one position.</summary>
internal sealed class BpfEmitter
{
    private readonly List<AsmInstruction> code = [];
    private readonly List<(int Index, string Map)> mapRefs = [];
    private readonly Dictionary<string, string> aliases = new(StringComparer.Ordinal);
    private readonly HashSet<string> defined = new(StringComparer.Ordinal);
    private string? pendingLabel;
    private int labelCounter;

    public int Count => code.Count;

    public string NewLabel(string hint) => $"{hint}_{labelCounter++}";

    /// <summary>Places a label at the next emitted instruction.</summary>
    public void Label(string label)
    {
        if (!defined.Add(label))
        {
            throw new InvalidOperationException($"label {label} defined twice");
        }
        if (pendingLabel is null)
        {
            pendingLabel = label;
        }
        else
        {
            aliases[label] = pendingLabel;
        }
    }

    public void Emit(Instruction insn) => Emit(new AsmInstruction(insn));

    public void Emit(AsmInstruction insn)
    {
        if (pendingLabel is not null)
        {
            insn = insn with { Label = pendingLabel };
            pendingLabel = null;
        }
        code.Add(insn);
    }

    /// <summary><c>lddw dst, map</c> with a relocation to the map.</summary>
    public void LoadMap(Register dst, string map, int mapIndex)
    {
        mapRefs.Add((code.Count, map));
        Emit(Mem.LoadMapFd(dst, mapIndex));
    }

    public void Jump(string label) => Emit(Jmp.Ja(label));

    /// <summary>Resolves labels; returns the instructions and the slot index of every map reference.</summary>
    /// <remarks>Unreachable instructions are dropped (the kernel verifier rejects them) and jumps to the next instruction are removed.</remarks>
    public (Instruction[] Code, List<(int Slot, string Map)> MapRefs) Finish()
    {
        if (pendingLabel is not null)
        {
            throw new InvalidOperationException($"label {pendingLabel} at the end of the program");
        }
        var items = code.Select((insn, index) => (Insn: insn.Target is { } t && aliases.TryGetValue(t, out var a) ? insn with { Target = a } : insn, Map: (string?)null, Index: index)).ToList();
        foreach (var (index, map) in mapRefs)
        {
            items[index] = items[index] with { Map = map };
        }
        ThreadJumps(items);
        bool changed;
        do
        {
            items = RemoveUnreachable(items);
            changed = RemoveJumpsToNext(items) | InvertBranchesOverJumps(items);
        }
        while (changed);
        var instructions = InstructionEncoder.Resolve(items.Select(i => i.Insn).ToList());
        var result = new List<(int, string)>();
        var pc = 0;
        for (var i = 0; i < instructions.Length; i++)
        {
            if (items[i].Map is { } m)
            {
                result.Add((pc, m));
            }
            pc += instructions[i].Width;
        }
        return (instructions, result);
    }

    /// <summary>A branch to an unconditional jump goes straight to that jump's target.</summary>
    private static void ThreadJumps(List<(AsmInstruction Insn, string? Map, int Index)> items)
    {
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Insn.Label is { } l)
            {
                labels[l] = i;
            }
        }
        for (var i = 0; i < items.Count; i++)
        {
            var insn = items[i].Insn;
            if (insn.Target is null || !insn.Instruction.IsBranch)
            {
                continue;
            }
            var target = insn.Target;
            for (var hops = 0; hops < 16 && labels.TryGetValue(target, out var at) && IsUnconditionalJump(items[at].Insn.Instruction) && items[at].Insn.Target is { } next && next != target; hops++)
            {
                target = next;
            }
            if (target != insn.Target)
            {
                items[i] = items[i] with { Insn = insn with { Target = target } };
            }
        }
    }

    private static bool IsUnconditionalJump(Instruction i) => i.Op.Raw == 0x05;

    private static bool IsExit(Instruction i) => i.Op.Raw == 0x95;

    private static List<(AsmInstruction Insn, string? Map, int Index)> RemoveUnreachable(List<(AsmInstruction Insn, string? Map, int Index)> items)
    {
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Insn.Label is { } l)
            {
                labels[l] = i;
            }
        }
        var reached = new bool[items.Count];
        var work = new Stack<int>();
        work.Push(0);
        while (work.Count > 0)
        {
            var i = work.Pop();
            if (i >= items.Count || reached[i])
            {
                continue;
            }
            reached[i] = true;
            var insn = items[i].Insn;
            if (IsExit(insn.Instruction))
            {
                continue;
            }
            if (insn.Target is { } t && insn.Instruction.IsBranch)
            {
                work.Push(labels[t]);
                if (IsUnconditionalJump(insn.Instruction))
                {
                    continue;
                }
            }
            work.Push(i + 1);
        }
        return reached.All(r => r) ? items : items.Where((_, i) => reached[i]).ToList();
    }

    /// <summary><c>if c goto A; goto B; A:</c> becomes <c>if !c goto B; A:</c>.</summary>
    private static bool InvertBranchesOverJumps(List<(AsmInstruction Insn, string? Map, int Index)> items)
    {
        var changed = false;
        for (var i = 0; i + 2 < items.Count; i++)
        {
            var cond = items[i].Insn;
            var jump = items[i + 1].Insn;
            if (!cond.Instruction.IsBranch || IsUnconditionalJump(cond.Instruction) || cond.Target is null
                || !IsUnconditionalJump(jump.Instruction) || jump.Label is not null || jump.Target is null
                || items[i + 2].Insn.Label != cond.Target || Invert(cond.Instruction.Op.JumpOp) is not { } inverted)
            {
                continue;
            }
            var insn = cond.Instruction with { Op = cond.Instruction.Op.WithJumpOp(inverted) };
            items[i] = items[i] with { Insn = cond with { Instruction = insn, Target = jump.Target } };
            items.RemoveAt(i + 1);
            changed = true;
        }
        return changed;
    }

    private static JumpOp? Invert(JumpOp op) => op switch
    {
        JumpOp.JEq => JumpOp.JNe,
        JumpOp.JNe => JumpOp.JEq,
        JumpOp.JGt => JumpOp.JLe,
        JumpOp.JLe => JumpOp.JGt,
        JumpOp.JGe => JumpOp.JLt,
        JumpOp.JLt => JumpOp.JGe,
        JumpOp.JSGt => JumpOp.JSLe,
        JumpOp.JSLe => JumpOp.JSGt,
        JumpOp.JSGe => JumpOp.JSLt,
        JumpOp.JSLt => JumpOp.JSGe,
        _ => null,
    };

    /// <summary>Drops <c>ja L</c> when L is the next instruction (its own label, if any, moves to the next instruction).</summary>
    private static bool RemoveJumpsToNext(List<(AsmInstruction Insn, string? Map, int Index)> items)
    {
        var changed = false;
        for (var i = 0; i < items.Count - 1; i++)
        {
            var insn = items[i].Insn;
            if (!IsUnconditionalJump(insn.Instruction) || insn.Target is null || items[i + 1].Insn.Label != insn.Target)
            {
                continue;
            }
            if (insn.Label is { } own)
            {
                // Retarget every jump to this label onto the next instruction's label.
                var next = items[i + 1].Insn.Label!;
                for (var j = 0; j < items.Count; j++)
                {
                    if (items[j].Insn.Target == own)
                    {
                        items[j] = items[j] with { Insn = items[j].Insn with { Target = next } };
                    }
                }
            }
            items.RemoveAt(i);
            i--;
            changed = true;
        }
        return changed;
    }
}
