using P4Bpf.Ebpf.Verifier;

namespace P4Bpf.Ebpf.Loading;

/// <summary>How <see cref="Loader"/> creates an object's maps and checks its programs.</summary>
/// <param name="PossibleCpus">CPU slots of per-CPU maps (the worker count); 0 means <see cref="Environment.ProcessorCount"/>.</param>
/// <param name="ObjectName">The object's name, from which libbpf derives data-section map names (<c>&lt;obj&gt;.rodata</c>); lookups accept those names too.</param>
public sealed record LoaderOptions(int PossibleCpus = 0, string ObjectName = "obj")
{
    public static LoaderOptions Default { get; } = new();

    /// <summary>The verifier settings every program must pass before it is loaded (profile, log; the program type is each
    /// program's own unless set here). A rejected program fails the load with a <see cref="VerificationException"/>.</summary>
    /// <remarks>Null loads programs without verifying them: they are marked unverified (<see cref="Vm.VmProgram.IsVerified"/>),
    /// and only the checked (bounds-checked) interpreter will run them.</remarks>
    public VerifierOptions? Verification { get; init; } = VerifierOptions.Default;
}
