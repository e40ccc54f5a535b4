namespace P4Bpf.Ebpf.Loading;

/// <summary>Why an object could not be loaded: a map the engine cannot create, an instruction it cannot resolve, an invalid spec,
/// a program the verifier rejected (<see cref="VerificationException"/>).</summary>
/// <param name="message">What went wrong, naming the map or the program and instruction.</param>
/// <param name="program">The program being loaded, or null for object-level errors.</param>
/// <param name="instruction">The instruction slot in <paramref name="program"/>, or -1.</param>
public class LoadException(string message, string? program = null, int instruction = -1) : Exception(message)
{
    public string? Program { get; } = program;

    public int Instruction { get; } = instruction;
}
