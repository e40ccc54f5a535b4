using System.Collections.Concurrent;
using P4Bpf.Ebpf.Helpers;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Engine;

/// <summary>Runs programs with the <see cref="Interpreter"/>, using the kernel helper table of each program's type.</summary>
/// <remarks>Unchecked, it runs verified programs only (<see cref="VmErrorKind.NotVerified"/> otherwise).</remarks>
public sealed class InterpreterExecutor : IProgramExecutor
{
    private readonly ConcurrentDictionary<ProgramType, Interpreter> _byType = new();
    private readonly Func<ProgramType, HelperTable> _helpers;

    /// <param name="options">Checked memory and instruction budget; without checked memory, <see cref="InterpreterOptions.RequireVerified"/>
    /// is forced on, so only programs the verifier accepted run on raw pointers.</param>
    /// <param name="helpers">The helper table for a program type (default: <see cref="KernelHelpers.CreateTable"/>); called once per type.</param>
    public InterpreterExecutor(InterpreterOptions? options = null, Func<ProgramType, HelperTable>? helpers = null)
    {
        options ??= InterpreterOptions.Default;
        Options = options.CheckedMemory ? options : options with { RequireVerified = true };
        _helpers = helpers ?? KernelHelpers.CreateTable;
    }

    public ExecutorKind Kind => ExecutorKind.Interpreter;

    public InterpreterOptions Options { get; }

    /// <summary>The interpreter (and so the helper table) used for <paramref name="type"/>.</summary>
    public Interpreter For(ProgramType type) => _byType.GetOrAdd(type, t => new Interpreter(_helpers(t), Options));

    public void Prepare(LoadedProgram program) => For(program.Type);

    public ulong Run(LoadedProgram program, VmRunContext context, ulong r1) =>
        For(program.Type).Run(program.VmProgram, context, r1);
}
