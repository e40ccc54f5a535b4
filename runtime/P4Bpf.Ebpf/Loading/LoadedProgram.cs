using P4Bpf.Ebpf.Contexts;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Verifier;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Loading;

/// <summary>A program ready to run: its map references resolved to live map handles and value addresses, pre-decoded for the interpreter.</summary>
/// <remarks>Immutable after loading and shareable between threads. Program arrays hold <see cref="LoadedProgram"/> instances (what <c>bpf_tail_call</c> jumps to).</remarks>
public sealed class LoadedProgram
{
    internal LoadedProgram(ProgramSpec spec, IReadOnlyList<Instruction> instructions, VmProgram vmProgram, LoadedObject owner, VerifierResult? verification)
    {
        Spec = spec;
        Verification = verification;
        Instructions = instructions;
        VmProgram = vmProgram;
        Object = owner;
    }

    public ProgramSpec Spec { get; }

    public string Name => Spec.Name;

    public string SectionName => Spec.SectionName;

    public ProgramType Type => Spec.Type;

    /// <summary>The context the program runs with, or null when the engine has none for its type.</summary>
    public ContextKind? ContextKind => PacketContext.KindFor(Type);

    /// <summary>The resolved instructions (no pseudo <c>lddw</c> left except callback references).</summary>
    public IReadOnlyList<Instruction> Instructions { get; }

    /// <summary>The interpreter's pre-decoded form.</summary>
    public VmProgram VmProgram { get; }

    /// <summary>The verifier's verdict (an accepted one: rejected programs are not loaded), or null when the object was loaded
    /// without verification (<see cref="LoaderOptions.Verification"/> null).</summary>
    public VerifierResult? Verification { get; }

    /// <summary>True when the verifier accepted the program: only then may it run without bounds checks (JIT, unchecked interpreter).</summary>
    public bool IsVerified => VmProgram.IsVerified;

    /// <summary>The object the program belongs to (its maps).</summary>
    public LoadedObject Object { get; }

    public override string ToString() => $"{Name} ({SectionName}, {Type})";
}
