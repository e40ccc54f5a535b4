using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Jit;

/// <summary>A program compiled to .NET code by <see cref="JitCompiler"/>; run it as often as needed, from any thread
/// (each thread with its own <see cref="VmRunContext"/>).</summary>
public sealed unsafe class JitProgram
{
    private readonly JitCode _code;
    private readonly long[] _helperIds;
    private readonly HelperFunction?[] _helperFunctions;

    internal JitProgram(VmProgram program, JitEntry entry, JitCode code, Dictionary<long, HelperFunction?> bindings, TimeSpan compileTime, int functionCount)
    {
        Program = program;
        Entry = entry;
        _code = code;
        _helperIds = [.. bindings.Keys];
        _helperFunctions = [.. bindings.Values];
        CompileTime = compileTime;
        FunctionCount = functionCount;
    }

    /// <summary>The program this code was compiled from (the first one with these bytes when the cache is shared).</summary>
    public VmProgram Program { get; }

    /// <summary>Time to plan, emit IL and create the delegate (RyuJIT compiles each function on its first call, adding to the first run).</summary>
    public TimeSpan CompileTime { get; }

    /// <summary>Number of .NET methods: the entry plus one per bpf-to-bpf call target.</summary>
    public int FunctionCount { get; }

    internal JitEntry Entry { get; }

    /// <summary>Runs the program with r1/r2 set and r10 at the top of the context's stack; returns r0.</summary>
    /// <remarks>Same contract as <see cref="Interpreter.Run"/> with unchecked memory: tail calls requested by helpers run their
    /// targets (compiled on first use), helper faults are located at the calling PC. <see cref="VmRunContext.InstructionCount"/> is not
    /// counted and reads 0.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // no tier-0 phase on the hot entry
    public ulong Run(VmRunContext context, ulong r1 = 0, ulong r2 = 0)
    {
        ulong* rf = stackalloc ulong[JitFrame.Size];
        rf[1] = r1;
        rf[2] = r2;
        rf[10] = (ulong)context.StackTop;
        context.BeginRun(checkedMemory: false, requireVerified: !_code.Compiler.Options.Unchecked);
        try
        {
            Entry(rf, context, 0);
            if (rf[JitFrame.Status] == JitFrame.TailPending)
            {
                JitRuntime.AfterCall(_code, rf, context, 0);
            }
            context.InstructionCount = 0;
            return rf[0];
        }
        catch (VmException e) when (e.Pc < 0)
        {
            throw e.WithPc((int)rf[JitFrame.HelperPc]);
        }
        finally
        {
            context.EndRun();
        }
    }

    /// <summary>True when every helper id the code calls still maps to the delegate it was compiled against.</summary>
    internal bool IsCurrent(HelperTable helpers)
    {
        for (var i = 0; i < _helperIds.Length; i++)
        {
            if (!ReferenceEquals(helpers.Lookup((ulong)_helperIds[i]), _helperFunctions[i]))
            {
                return false;
            }
        }
        return true;
    }
}
