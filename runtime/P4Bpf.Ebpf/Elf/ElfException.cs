namespace P4Bpf.Ebpf.Elf;

/// <summary>An ELF object that is malformed or uses something we do not support; the message names the section or symbol.</summary>
public sealed class ElfException : Exception
{
    public ElfException(string message)
        : base(message)
    {
    }

    public ElfException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
