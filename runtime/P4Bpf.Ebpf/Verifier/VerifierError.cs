namespace P4Bpf.Ebpf.Verifier;

/// <summary>Why a program was rejected: the kind, the instruction (slot index, as the kernel counts) and the kernel-style message.</summary>
public sealed record VerifierError(VerifierErrorKind Kind, int Pc, string Message)
{
    public override string ToString() => $"{Pc}: {Message}";
}

/// <summary>Thrown inside the verifier to abandon the search at the first error; never escapes <c>IVerifier.Verify</c>.</summary>
internal sealed class VerifierException(VerifierErrorKind kind, int pc, string message) : Exception(message)
{
    public VerifierError Error { get; } = new(kind, pc, message);
}
