using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Jit;

/// <summary>The entry of one JIT'd function: registers in and out through <paramref name="rf"/> (see <see cref="JitFrame"/>),
/// <paramref name="depth"/> = bpf-to-bpf frames below this one.</summary>
internal unsafe delegate void JitEntry(ulong* rf, VmRunContext ctx, int depth);

/// <summary>The object every JIT'd function of one program receives as its first argument (the delegate's closed target):
/// what the emitted code needs at run time besides its registers.</summary>
/// <remarks>Fields, not properties, so the IL reads them with one <c>ldfld</c>.</remarks>
internal sealed class JitCode(JitCompiler compiler, HelperFunction?[] delegates, object?[] targets)
{
    /// <summary>The compiler that made this code; tail calls compile their targets through it.</summary>
    public readonly JitCompiler Compiler = compiler;

    /// <summary>The helper table used for <c>callx</c>.</summary>
    public readonly HelperTable Helpers = compiler.Helpers;

    /// <summary>Helper delegates invoked through <c>Invoke</c>, by call-site index.</summary>
    public readonly HelperFunction?[] Delegates = delegates;

    /// <summary>Targets of helper delegates that the code calls directly (instance methods), by call-site index.</summary>
    public readonly object?[] Targets = targets;

    /// <summary>Entries of the functions used as callbacks, by first slot (set once after compilation).</summary>
    public Dictionary<int, JitEntry> Callbacks = [];
}
