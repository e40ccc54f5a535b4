namespace P4Bpf.Ebpf.Kernel;

/// <summary>What the kernel's verifier said about one program (<see cref="KernelLoader.Verify"/>).</summary>
/// <param name="Program">The program's name.</param>
/// <param name="Accepted">True when the kernel loaded it.</param>
/// <param name="Errno">The load's errno when rejected (13 = EACCES for a verifier rejection, 22 = EINVAL for malformed code), else 0.</param>
/// <param name="Log">The verifier log.</param>
/// <param name="VerifiedInstructions">Instructions the verifier processed (accepted programs), else 0.</param>
public sealed record KernelVerdict(string Program, bool Accepted, int Errno, string Log, uint VerifiedInstructions);
