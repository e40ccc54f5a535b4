using P4Bpf.Midend.Ir;
using P4Bpf.Tests.Shared;

namespace P4Bpf.EbpfGen.Tests;

/// <summary>Generated code is reviewed through golden disassembly (<c>testdata/codegen/NAME.bpf.txt</c>), compared verbatim; the IR after the midend and the layout manifest are golden too.</summary>
/// <remarks>Set <c>P4BPF_UPDATE_GOLDENS=1</c> to rewrite the files after an intended change.</remarks>
public sealed class GoldenTests
{
    private static readonly string Dir = Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.EbpfGen.Tests", "testdata", "codegen");

    public static TheoryData<string> Names() => new(GeneratedPrograms.All.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Disassembly_MatchesGolden(string name)
    {
        var program = GeneratedPrograms.All[name]();
        var result = EbpfCodeGenerator.Generate(program);
        result.Errors.Should().BeEmpty();
        var text = string.Concat(result.Stages.Select(s => $"; program {s.Name} section {s.Program.SectionName}\n{s.Disassembly}"));
        Compare(name + ".bpf.txt", text);
        Compare(name + ".midend.txt", IrPrinter.Print(program));
        Compare(name + ".layout.json", result.Layout!.ToJson() + "\n");
    }

    private static void Compare(string file, string actual)
    {
        var path = Path.Combine(Dir, file);
        if (Environment.GetEnvironmentVariable("P4BPF_UPDATE_GOLDENS") == "1" || !File.Exists(path))
        {
            Directory.CreateDirectory(Dir);
            File.WriteAllText(path, actual);
            Assert.SkipWhen(Environment.GetEnvironmentVariable("P4BPF_UPDATE_GOLDENS") != "1", $"golden {file} was missing and has been written");
            return;
        }
        actual.Should().Be(File.ReadAllText(path).Replace("\r\n", "\n"), $"golden {file} (set P4BPF_UPDATE_GOLDENS=1 to update)");
    }
}
