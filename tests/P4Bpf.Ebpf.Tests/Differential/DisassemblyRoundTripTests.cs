using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Differential;

/// <summary>Every program of every corpus object disassembles and reassembles to identical bytes.</summary>
public sealed class DisassemblyRoundTripTests
{
    public static TheoryData<string> Sources() => new(Corpus.Sources());

    [Theory]
    [MemberData(nameof(Sources))]
    public void DisassemblyRoundTrips(string source)
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        var spec = ElfReader.ReadFile(Corpus.Compile(source));
        spec.Programs.Should().NotBeEmpty();
        foreach (var program in spec.Programs)
        {
            var bytes = program.Bytecode.AsSpan().ToArray();
            var text = Disassembler.Disassemble(InstructionDecoder.Decode(bytes));
            Assembler.AssembleToBytes(text).Should().Equal(bytes, $"{program.Name} must round-trip:\n{text}");
        }
    }
}
