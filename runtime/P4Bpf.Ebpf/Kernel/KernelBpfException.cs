namespace P4Bpf.Ebpf.Kernel;

/// <summary>A <c>bpf()</c> syscall failed: which command, the errno, what we were doing and, for a program load, the kernel verifier's log.</summary>
/// <param name="command">The syscall command that failed.</param>
/// <param name="errno">The positive errno (<c>EINVAL</c> = 22, <c>EACCES</c> = 13 for a verifier rejection, <c>EPERM</c> without privileges…).</param>
/// <param name="message">What was being done, naming the map or program.</param>
/// <param name="verifierLog">The verifier log of a rejected program (or the BTF log of rejected BTF), else null.</param>
public sealed class KernelBpfException(BpfCommand command, int errno, string message, string? verifierLog = null)
    : Exception(Format(command, errno, message, verifierLog))
{
    public BpfCommand Command { get; } = command;

    public int Errno { get; } = errno;

    public string? VerifierLog { get; } = verifierLog;

    /// <summary>The errno's symbolic name, e.g. <c>EACCES</c>.</summary>
    public string ErrnoName => Libc.ErrnoName(Errno);

    private static string Format(BpfCommand command, int errno, string message, string? log)
    {
        var text = $"{message}: bpf({command}) failed with {Libc.ErrnoName(errno)} ({errno})";
        if (!string.IsNullOrWhiteSpace(log))
        {
            // The end of the verifier log names the failing instruction; keep the message readable.
            var lines = log.TrimEnd('\0', '\n').Split('\n');
            text += "\nverifier log (last lines):\n" + string.Join('\n', lines.TakeLast(12));
        }
        return text;
    }
}
