using System.Diagnostics;
using System.Runtime.CompilerServices;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Jit;

/// <summary>Compiles <see cref="VmProgram"/>s to .NET IL (one <see cref="System.Reflection.Emit.DynamicMethod"/> per eBPF function)
/// with exactly the interpreter's semantics, and runs them.</summary>
/// <remarks>
/// Registers become <c>ulong</c> locals, jumps become IL branches, memory accesses are raw pointer loads and stores without bounds
/// checks, helpers are called directly (static or non-virtual instance methods) or through their delegate, bpf-to-bpf calls are
/// .NET calls with a 512-byte frame each, tail calls return to a dispatcher. The code is collectible.
/// Only programs the verifier accepted (<see cref="VmProgram.IsVerified"/>, set by the loader) are compiled, unless
/// <see cref="JitOptions.Unchecked"/> declares the code trusted.
/// Helpers are bound at compile time; replacing one in the table makes the next <see cref="Compile"/> recompile.
/// </remarks>
public sealed unsafe class JitCompiler(HelperTable helpers, JitOptions? options = null, JitCache? cache = null)
{
    private readonly ConditionalWeakTable<VmProgram, JitProgram> _byProgram = new();

    public HelperTable Helpers { get; } = helpers;

    public JitOptions Options { get; } = options ?? new JitOptions();

    /// <summary>The cache this compiler fills (its own unless one was passed in).</summary>
    public JitCache Cache { get; } = cache ?? new JitCache();

    /// <summary>Returns the compiled form of <paramref name="program"/>, from the cache when its bytes were compiled before.</summary>
    /// <exception cref="VmException">Kind <see cref="VmErrorKind.NotVerified"/> for a program the verifier has not accepted, unless <see cref="JitOptions.Unchecked"/>.</exception>
    public JitProgram Compile(VmProgram program) => GetOrCompile(program);

    /// <summary>Compiles (or fetches) and runs <paramref name="program"/>; see <see cref="JitProgram.Run"/>.</summary>
    public ulong Run(VmProgram program, VmRunContext context, ulong r1 = 0, ulong r2 = 0) => GetOrCompile(program).Run(context, r1, r2);

    internal JitProgram GetOrCompile(VmProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (_byProgram.TryGetValue(program, out var known) && known.IsCurrent(Helpers))
        {
            return known;
        }
        if (!Options.Unchecked && !program.IsVerified)
        {
            ThrowHelper.NotVerified(program.Name);
        }
        var bytes = InstructionEncoder.Encode(program.Instructions);
        var compiled = Cache.GetOrAdd(Helpers, Options, bytes, () => CompileNew(program));
        _byProgram.AddOrUpdate(program, compiled);
        return compiled;
    }

    private JitProgram CompileNew(VmProgram program)
    {
        var clock = Stopwatch.StartNew();
        var plan = JitPlan.Build(program.Code, program.SlotCount);
        JitEmitter.DeclareMethods(plan, program.Name);
        var binder = new HelperBinder(Helpers);
        foreach (var fn in plan.Functions)
        {
            JitEmitter.Emit(program.Code, program.SlotCount, plan, fn, binder, Options.BackEdgeBudget);
        }
        var code = new JitCode(this, binder.Delegates, binder.Targets);
        var entry = (JitEntry)plan.ByEntry[0].Method.CreateDelegate(typeof(JitEntry), code);
        foreach (var slot in plan.Callbacks)
        {
            code.Callbacks[slot] = (JitEntry)plan.ByEntry[slot].Method.CreateDelegate(typeof(JitEntry), code);
        }
        clock.Stop();
        return new JitProgram(program, entry, code, binder.Bindings, clock.Elapsed, plan.Functions.Count);
    }
}
