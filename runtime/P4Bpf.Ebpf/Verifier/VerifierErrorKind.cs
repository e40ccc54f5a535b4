namespace P4Bpf.Ebpf.Verifier;

/// <summary>Why the verifier rejected a program; one value per family of kernel messages.</summary>
public enum VerifierErrorKind
{
    /// <summary>Bytes that do not decode (unknown opcode, bad register field, reserved field set, truncated lddw).</summary>
    InvalidInstruction,
    /// <summary>Empty program or more instructions than the profile allows (<c>BPF program is too large</c>).</summary>
    ProgramTooLarge,
    /// <summary>A jump outside the program or its subprogram, or into the second half of an lddw.</summary>
    InvalidJump,
    /// <summary>Execution can run past the last instruction (<c>last insn is not an exit or jmp</c>).</summary>
    FallOffEnd,
    /// <summary>An instruction no path reaches.</summary>
    UnreachableInstruction,
    /// <summary>A loop that the profile does not allow (<c>back-edge from insn X to Y</c>) or one that never ends.</summary>
    Loop,
    /// <summary>Too many instructions processed or too many pending branches.</summary>
    TooComplex,
    /// <summary>A write to r10 (<c>frame pointer is read only</c>).</summary>
    FramePointerWrite,
    /// <summary>A register read before it is written (<c>R0 !read_ok</c>).</summary>
    UninitializedRegister,
    /// <summary>A shift by an immediate not below the operand width.</summary>
    InvalidShift,
    /// <summary>Arithmetic not allowed on a pointer.</summary>
    PointerArithmetic,
    /// <summary>A load or store through something that is not a valid pointer (<c>invalid mem access 'scalar'</c>).</summary>
    InvalidMemoryAccess,
    /// <summary>A packet access not proven inside [data, data_end).</summary>
    PacketOutOfBounds,
    /// <summary>A map value access outside the value.</summary>
    MapValueOutOfBounds,
    /// <summary>A stack access outside the frame or of uninitialised bytes.</summary>
    InvalidStackAccess,
    /// <summary>A context field that does not exist, is read-only, or is accessed with the wrong size.</summary>
    InvalidContextAccess,
    /// <summary>An access to ring buffer memory outside the record.</summary>
    MemoryOutOfBounds,
    /// <summary>A call to an unknown helper, a helper the program type cannot use, or a kfunc.</summary>
    InvalidHelper,
    /// <summary>A helper argument of the wrong type or size (<c>R1 type=map_value_or_null expected=…</c>).</summary>
    InvalidHelperArgument,
    /// <summary>A map used with a helper that does not accept its type.</summary>
    MapHelperMismatch,
    /// <summary>A map reference that names no map.</summary>
    InvalidMapReference,
    /// <summary>A bpf-to-bpf call to a bad target, too deep a call chain, or too large a combined stack.</summary>
    InvalidCall,
    /// <summary>A reference (ring buffer record) not released on some path, or released twice.</summary>
    ReferenceLeak,
    /// <summary>A spin lock taken twice, released without being held, held at exit or across a call.</summary>
    SpinLock,
    /// <summary>A tail call that is not allowed here.</summary>
    TailCall,
    /// <summary>A bad value at exit (a stack pointer returned, a callback result out of range).</summary>
    InvalidReturn,
    /// <summary>A construct the SmartNIC offload profile cannot offload.</summary>
    NotOffloadable,
    /// <summary>A construct the engine does not support yet.</summary>
    Unsupported,
}
