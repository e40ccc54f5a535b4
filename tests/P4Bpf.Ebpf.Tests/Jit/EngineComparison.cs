using System.Runtime.InteropServices;
using P4Bpf.Ebpf.Jit;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Tests.Jit;

/// <summary>What one engine did with a program: r0 or the error kind, and the input memory afterwards.</summary>
internal sealed record EngineOutcome(ulong? R0, VmErrorKind? Error, string? Message, byte[] Memory)
{
    public override string ToString() => Error is null ? $"r0=0x{R0:x} mem={Convert.ToHexString(Memory)}" : $"{Error}: {Message}";
}

/// <summary>Runs a program on the interpreter (checked) and the JIT with identical private copies of the input memory
/// (r1 = its address, r2 = its length) and compares (STYLE point 15).</summary>
internal static unsafe class EngineComparison
{
    public static EngineOutcome RunInterpreter(VmProgram program, byte[] mem, HelperTable helpers, InterpreterOptions? options = null) =>
        RunOne(mem, (ctx, r1, r2) => new Interpreter(helpers, options ?? new InterpreterOptions(CheckedMemory: true)).Run(program, ctx, r1, r2));

    public static EngineOutcome RunJit(VmProgram program, byte[] mem, HelperTable helpers, JitOptions? options = null) =>
        RunOne(mem, (ctx, r1, r2) => new JitCompiler(helpers, options ?? JitOptions.Trusted).Run(program, ctx, r1, r2));

    public static EngineOutcome RunJit(JitProgram program, byte[] mem) => RunOne(mem, (ctx, r1, r2) => program.Run(ctx, r1, r2));

    /// <summary>Both outcomes; they are equal when the engines agree (error messages may differ in wording, not in kind).</summary>
    public static (EngineOutcome Interpreter, EngineOutcome Jit) RunBoth(VmProgram program, byte[] mem, HelperTable helpers) =>
        (RunInterpreter(program, mem, helpers), RunJit(program, mem, helpers));

    public static void ShouldAgree(this (EngineOutcome Interpreter, EngineOutcome Jit) o, string because)
    {
        o.Jit.Error.Should().Be(o.Interpreter.Error, $"{because}: error kind (interpreter: {o.Interpreter}, jit: {o.Jit})");
        o.Jit.R0.Should().Be(o.Interpreter.R0, $"{because}: r0");
        o.Jit.Memory.Should().Equal(o.Interpreter.Memory, $"{because}: memory after the run");
    }

    private static EngineOutcome RunOne(byte[] mem, Func<VmRunContext, ulong, ulong, ulong> run)
    {
        using var ctx = new VmRunContext();
        var buffer = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(1, mem.Length));
        try
        {
            mem.CopyTo(new Span<byte>(buffer, mem.Length));
            if (mem.Length > 0)
            {
                ctx.AddRegion((nint)buffer, mem.Length, writable: true);
            }
            try
            {
                var r0 = run(ctx, mem.Length > 0 ? (ulong)buffer : 0, (ulong)mem.Length);
                return new EngineOutcome(r0, null, null, new Span<byte>(buffer, mem.Length).ToArray());
            }
            catch (VmException e)
            {
                return new EngineOutcome(null, e.Kind, e.Message, new Span<byte>(buffer, mem.Length).ToArray());
            }
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }
}
