using System.Runtime.InteropServices;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Vm;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Conformance;

/// <summary>Runs every bpf_conformance <c>.data</c> file (v4 incl. callx) through assembler and interpreter in checked mode,
/// and through the JIT, comparing r0 and memory with the interpreter's (STYLE point 15).</summary>
public sealed class ConformanceTests
{
    private static string Dir => Path.Combine(Tooling.SharedDir, "ebpf-conformance");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Dir, "*.data").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }
        return data;
    }

    [Fact]
    public void AllFilesAreDiscovered() => Files().Count.Should().Be(313);

    internal static byte[] Program(DataFile test)
    {
        if (test.Asm is not null)
        {
            var bytes = Assembler.AssembleToBytes(test.Asm);
            if (test.Raw is not null)
            {
                bytes.Should().Equal(test.RawBytes(), "the asm and raw sections must agree");
            }
            return bytes;
        }
        return test.RawBytes();
    }

    /// <summary>The conformance environment: helper #5 returns its first argument (as uBPF's plugin does).</summary>
    internal static HelperTable ConformanceHelpers() => new HelperTable().Add(5, "conformance_echo", (r1, _, _, _, _, _) => r1);

    internal static unsafe ulong RunWithMemory(VmProgram program, byte[] mem, Interpreter interpreter)
    {
        using var ctx = new VmRunContext();
        var buffer = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, mem.Length));
        try
        {
            mem.CopyTo(new Span<byte>(buffer, mem.Length));
            if (mem.Length > 0)
            {
                ctx.AddRegion((nint)buffer, mem.Length, writable: true);
            }
            return interpreter.Run(program, ctx, mem.Length > 0 ? (ulong)buffer : 0, (ulong)mem.Length);
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void InterpreterMatchesExpectedResult(string file)
    {
        var test = DataFile.Parse(File.ReadAllText(Path.Combine(Dir, file)));
        var program = VmProgram.FromBytes(Program(test), file);
        var interpreter = new Interpreter(ConformanceHelpers(), new InterpreterOptions(CheckedMemory: true));
        var r0 = RunWithMemory(program, test.Mem, interpreter);
        test.Error.Should().BeNull("no conformance file expects an error");
        r0.Should().Be(test.Result ?? 0, $"r0 of {file}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void JitMatchesInterpreter(string file)
    {
        var test = DataFile.Parse(File.ReadAllText(Path.Combine(Dir, file)));
        var program = VmProgram.FromBytes(Program(test), file);
        var outcomes = Jit.EngineComparison.RunBoth(program, test.Mem, ConformanceHelpers());
        Jit.EngineComparison.ShouldAgree(outcomes, file);
        outcomes.Jit.R0.Should().Be(test.Result ?? 0, $"JIT r0 of {file}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void DisassemblyReassemblesToTheSameBytes(string file)
    {
        var test = DataFile.Parse(File.ReadAllText(Path.Combine(Dir, file)));
        var bytes = Program(test);
        var program = InstructionDecoder.Decode(bytes);
        InstructionEncoder.Encode(program).Should().Equal(bytes, "decode then encode is identity");
        var text = Disassembler.Disassemble(program);
        Assembler.AssembleToBytes(text).Should().Equal(bytes, $"kernel-syntax text of {file} re-assembles:\n{text}");
        var labelled = Disassembler.Disassemble(program, new DisassemblyOptions(Labels: true));
        Assembler.AssembleToBytes(labelled).Should().Equal(bytes, $"labelled text of {file} re-assembles:\n{labelled}");
    }
}
