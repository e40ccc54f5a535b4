namespace P4Bpf.Ebpf.Isa;

/// <summary>An instruction plus assembly metadata: the label it defines and the label its jump/local call targets.</summary>
/// <remarks>When <see cref="Target"/> is set, the encoder replaces the branch offset with the distance to that label.</remarks>
public readonly record struct AsmInstruction(Instruction Instruction, string? Label = null, string? Target = null)
{
    public static implicit operator AsmInstruction(Instruction instruction) => new(instruction);

    /// <summary>Marks this instruction with a label that branches can target.</summary>
    public AsmInstruction WithLabel(string label) => this with { Label = label };

    public override string ToString() => (Label is null ? "" : Label + ": ") + Instruction + (Target is null ? "" : " <" + Target + ">");
}
