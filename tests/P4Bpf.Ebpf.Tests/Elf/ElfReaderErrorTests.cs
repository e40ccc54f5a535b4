using P4Bpf.Ebpf.Elf;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Elf;

/// <summary>Objects using what we do not support fail with the <see cref="ElfException"/> named in the source's first line.</summary>
public sealed class ElfReaderErrorTests
{
    public static TheoryData<string> Names() => ClangObjects.ErrorNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void Unsupported_feature_gives_the_expected_error(string name)
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        var firstLine = File.ReadLines(Path.Combine(ClangObjects.SourceDir, name + ".c")).First();
        firstLine.Should().StartWith("// error: ");
        var expected = firstLine["// error: ".Length..];
        var act = () => ElfReader.ReadFile(ClangObjects.ObjectPath(name));
        act.Should().Throw<ElfException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Not_an_elf_file()
    {
        var act = () => ElfReader.Read("hello, world, this is not an ELF object at all....................."u8);
        act.Should().Throw<ElfException>().WithMessage("not an ELF file*");
    }

    [Fact]
    public void Wrong_machine_is_named()
    {
        var bytes = ElfWriter.Write(ElfWriterTests.XdpPass());
        bytes[18] = 62; // EM_X86_64
        var act = () => ElfReader.Read(bytes);
        act.Should().Throw<ElfException>().WithMessage("ELF machine 62 is not BPF (247)");
    }
}
