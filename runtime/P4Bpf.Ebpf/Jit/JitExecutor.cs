using System.Collections.Concurrent;
using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Helpers;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Jit;

/// <summary>Runs loaded programs as JIT'd code, with the kernel helper table of each program's type; the engine's
/// <see cref="ExecutorKind.Jit"/>.</summary>
/// <remarks>Runs only programs the verifier accepted (<see cref="LoadedProgram.IsVerified"/>) unless <see cref="JitOptions.Unchecked"/>;
/// others fail with <see cref="VmErrorKind.NotVerified"/>. Thread-safe. Programs are compiled by <see cref="Prepare"/> (or their first run) into one cache shared by all
/// program types; helpers are bound at compile time, so the helper tables must be complete before the first run.</remarks>
public sealed class JitExecutor : IProgramExecutor
{
    private readonly ConcurrentDictionary<ProgramType, JitCompiler> _byType = new();
    private readonly Func<ProgramType, HelperTable> _helpers;
    private Last? _last;

    /// <param name="options">Compilation options (default: <see cref="JitOptions.Default"/>, verified programs only).</param>
    /// <param name="helpers">The helper table for a program type (default: <see cref="KernelHelpers.CreateTable"/>); called once per type.</param>
    public JitExecutor(JitOptions? options = null, Func<ProgramType, HelperTable>? helpers = null)
    {
        Options = options ?? JitOptions.Default;
        _helpers = helpers ?? KernelHelpers.CreateTable;
    }

    public ExecutorKind Kind => ExecutorKind.Jit;

    public JitOptions Options { get; }

    /// <summary>Compiled programs of every type.</summary>
    public JitCache Cache { get; } = new();

    /// <summary>The compiler (and so the helper table) used for <paramref name="type"/>.</summary>
    public JitCompiler For(ProgramType type) => _byType.GetOrAdd(type, t => new JitCompiler(_helpers(t), Options, Cache));

    /// <summary>The compiled form of <paramref name="program"/> (compiling it on first use).</summary>
    public JitProgram Compile(LoadedProgram program)
    {
        var last = _last;
        if (last is not null && ReferenceEquals(last.Program, program))
        {
            return last.Compiled;
        }
        var compiled = For(program.Type).Compile(program.VmProgram);
        _last = new Last(program, compiled);
        return compiled;
    }

    public void Prepare(LoadedProgram program) => Compile(program);

    public ulong Run(LoadedProgram program, VmRunContext context, ulong r1) => Compile(program).Run(context, r1);

    /// <summary>The most recently used program, so the per-packet path is one reference compare.</summary>
    private sealed record Last(LoadedProgram Program, JitProgram Compiled);
}
