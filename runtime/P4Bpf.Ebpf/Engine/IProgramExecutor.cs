using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Engine;

/// <summary>Runs a loaded program once: the seam behind which the interpreter and (later) the JIT sit.</summary>
/// <remarks>Implementations are thread-safe; per-thread state lives in the <see cref="VmRunContext"/>.</remarks>
public interface IProgramExecutor
{
    ExecutorKind Kind { get; }

    /// <summary>Prepares <paramref name="program"/> (compile, cache) before its first run; optional.</summary>
    void Prepare(LoadedProgram program);

    /// <summary>Runs <paramref name="program"/> with r1 = <paramref name="r1"/> (the context address) and returns r0.</summary>
    ulong Run(LoadedProgram program, VmRunContext context, ulong r1);
}
