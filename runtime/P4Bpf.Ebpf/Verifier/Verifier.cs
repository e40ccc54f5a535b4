using System.Diagnostics;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>The eBPF verifier: a structural pass over the opcode table, then abstract interpretation of every path in the kernel's style.</summary>
public sealed class Verifier : IVerifier
{
    public static Verifier Instance { get; } = new();

    public VerifierResult Verify(ProgramSpec program, IReadOnlyList<MapSpec> maps, VerifierOptions options) =>
        Verify(VerifierInput.FromSpec(program, maps), options);

    public VerifierResult Verify(VerifierInput program, VerifierOptions options)
    {
        var watch = Stopwatch.StartNew();
        var type = options.ProgramType != ProgramType.Unspec ? options.ProgramType : program.Type;
        AbstractInterpreter? interpreter = null;
        try
        {
            var info = StructuralCheck.Run(program, options, type);
            interpreter = new AbstractInterpreter(info, options);
            var depth = interpreter.Run();
            return new VerifierResult(null, interpreter.Processed, interpreter.Stored, depth, interpreter.Log) { Elapsed = watch.Elapsed };
        }
        catch (VerifierException e)
        {
            var log = interpreter?.Log ?? [];
            if (options.Log)
            {
                log = [.. log, e.Error.ToString()];
            }
            return new VerifierResult(e.Error, interpreter?.Processed ?? 0, interpreter?.Stored ?? 0, 0, log) { Elapsed = watch.Elapsed };
        }
    }
}
