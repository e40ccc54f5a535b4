using System.Diagnostics.CodeAnalysis;

namespace P4Bpf.Ebpf.Vm;

/// <summary>Throw sites kept out of the interpreter loop so it stays small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void OutOfBounds(int pc, ulong address, int size, bool store) =>
        throw new VmException(VmErrorKind.OutOfBounds, pc,
            $"out of bounds memory {(store ? "store" : "load")} at PC {pc}, address 0x{address:x}, size {size}");

    [DoesNotReturn]
    public static void InvalidInstruction(int pc, byte code, int length) =>
        throw new VmException(VmErrorKind.InvalidInstruction, pc, pc >= length
            ? $"execution ran past the end of the program at PC {pc}"
            : $"invalid instruction 0x{code:x2} at PC {pc}");

    [DoesNotReturn]
    public static void UnknownHelper(int pc, long id) =>
        throw new VmException(VmErrorKind.UnknownHelper, pc, $"call to unknown helper {id} at PC {pc}");

    [DoesNotReturn]
    public static void CallDepth(int pc, int maxFrames) =>
        throw new VmException(VmErrorKind.CallDepthExceeded, pc, $"call depth exceeds {maxFrames} frames at PC {pc}");

    [DoesNotReturn]
    public static void Budget(int pc, long budget) =>
        throw new VmException(VmErrorKind.BudgetExceeded, pc, $"instruction budget of {budget} exceeded at PC {pc}");

    [DoesNotReturn]
    public static void NotVerified(string program) =>
        throw new VmException(VmErrorKind.NotVerified, -1,
            $"program '{program}' has not been verified: code runs without bounds checks only after the verifier accepted it (load it with verification on, or use the checked interpreter)");
}
