using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>Proves a program safe to run, or says where and why it is not; never rewrites the code.</summary>
public interface IVerifier
{
    /// <summary>Verifies raw instructions with the maps they reference (lddw map pseudo sources index <see cref="VerifierInput.Maps"/>).</summary>
    VerifierResult Verify(VerifierInput program, VerifierOptions options);

    /// <summary>Verifies one program of an object; its lddw map references index <paramref name="maps"/> (the object's map list).</summary>
    VerifierResult Verify(ProgramSpec program, IReadOnlyList<MapSpec> maps, VerifierOptions options);
}
