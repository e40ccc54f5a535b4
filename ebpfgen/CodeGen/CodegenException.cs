namespace P4Bpf.EbpfGen.CodeGen;

/// <summary>A program the back end cannot compile (a limit or a feature not supported yet); becomes a P4E5xxx error.</summary>
internal sealed class CodegenException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    public static CodegenException NotSupported(string what) => new(5001, "not supported yet: " + what);
}
