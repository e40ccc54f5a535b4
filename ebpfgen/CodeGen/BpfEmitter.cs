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
    public (Instruction[] Code, List<(int Slot, string Map)> MapRefs) Finish()
    {
        if (pendingLabel is not null)
        {
            throw new InvalidOperationException($"label {pendingLabel} at the end of the program");
        }
        var resolved = code.Select(i => i.Target is { } t && aliases.TryGetValue(t, out var a) ? i with { Target = a } : i).ToList();
        var instructions = InstructionEncoder.Resolve(resolved);
        var slots = new int[instructions.Length];
        var pc = 0;
        for (var i = 0; i < instructions.Length; i++)
        {
            slots[i] = pc;
            pc += instructions[i].Width;
        }
        return (instructions, mapRefs.Select(r => (slots[r.Index], r.Map)).ToList());
    }
}
