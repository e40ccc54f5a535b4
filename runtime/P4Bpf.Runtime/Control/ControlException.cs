namespace P4Bpf.Runtime.Control;

/// <summary>Why a control operation failed (maps onto gRPC/P4Runtime status codes).</summary>
public enum ControlErrorCode
{
    NotFound,
    AlreadyExists,
    InvalidArgument,
    OutOfRange,
    ResourceExhausted,
    Unimplemented,
    Internal,

    /// <summary>The object is still in use (a member in a group, a member or group referenced by an entry).</summary>
    FailedPrecondition,
}

/// <summary>A control-plane request that cannot be applied; nothing was changed.</summary>
public sealed class ControlException(ControlErrorCode code, string message) : Exception(message)
{
    public ControlErrorCode Code { get; } = code;
}
