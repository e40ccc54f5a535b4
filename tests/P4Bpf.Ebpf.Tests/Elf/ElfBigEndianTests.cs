using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Tests.Objects;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Elf;

/// <summary>Objects compiled with <c>-target bpfeb</c> read into the same spec as <c>-target bpfel</c> (instructions normalised to little-endian slots).</summary>
public sealed class ElfBigEndianTests
{
    public static TheoryData<string> Names() => ClangObjects.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void Big_endian_object_reads_like_the_little_endian_one(string name)
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        var little = ElfReader.ReadFile(ClangObjects.ObjectPath(name));
        var dir = TestTemp.NewDirectory("p4bpf-elfeb-");
        var bigPath = Path.Combine(dir, name + ".eb.o");
        var (exit, _, stderr) = Tooling.Run("clang", $"-O2 -g -target bpfeb -I/usr/include/x86_64-linux-gnu -c \"{Path.Combine(ClangObjects.SourceDir, name + ".c")}\" -o \"{bigPath}\"");
        exit.Should().Be(0, stderr);
        var big = ElfReader.ReadFile(bigPath);
        // Global data keeps the target's byte order; everything else must match.
        static ObjectSpec WithoutData(ObjectSpec s) => s with { Maps = s.Maps.Select(m => m with { InitialData = EquatableArray<byte>.Empty }).ToEquatableArray() };
        SpecText.Format(WithoutData(big)).Should().Be(SpecText.Format(WithoutData(little)));
        WithoutData(big).Should().Be(WithoutData(little));
    }
}
