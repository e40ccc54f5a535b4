using Google.Rpc;

namespace P4Bpf.P4Runtime.Core;

/// <summary>A P4Runtime-level failure with the canonical code the spec prescribes (one update, one read filter, or a whole RPC).</summary>
public sealed class P4RuntimeException(Code code, string message) : Exception(message)
{
    public Code Code { get; } = code;

    public static P4RuntimeException Invalid(string message) => new(Code.InvalidArgument, message);

    public static P4RuntimeException NotFound(string message) => new(Code.NotFound, message);

    public static P4RuntimeException Unimplemented(string message) => new(Code.Unimplemented, "not supported yet: " + message);
}
