namespace P4Bpf.Ebpf.Btf;

/// <summary>Malformed or unsupported BTF; the message names the type id or offset.</summary>
public sealed class BtfException : Exception
{
    public BtfException(string message)
        : base(message)
    {
    }

    public BtfException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
