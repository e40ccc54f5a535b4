using P4Bpf.Ebpf.Verifier;

namespace P4Bpf.Ebpf.Loading;

/// <summary>The verifier rejected a program, so the object was not loaded: the program, the instruction (<see cref="LoadException.Instruction"/>,
/// the slot index the kernel's log uses), the verifier's error and, when <see cref="VerifierOptions.Log"/> was set, its log.</summary>
public sealed class VerificationException : LoadException
{
    internal VerificationException(string program, string section, VerifierProfile profile, VerifierResult result)
        : base($"program '{program}' ({section}) rejected by the {profile.Name} verifier at insn {result.Error!.Pc}: {result.Error.Message}",
            program, result.Error.Pc)
    {
        Result = result;
        Profile = profile;
    }

    /// <summary>The verdict (processed instructions, log).</summary>
    public VerifierResult Result { get; }

    /// <summary>Why the program was rejected.</summary>
    public VerifierError Error => Result.Error!;

    /// <summary>The rules it was checked against.</summary>
    public VerifierProfile Profile { get; }

    /// <summary>The verifier log ending at the error (empty unless <see cref="VerifierOptions.Log"/> was set).</summary>
    public IReadOnlyList<string> Log => Result.Log;
}
