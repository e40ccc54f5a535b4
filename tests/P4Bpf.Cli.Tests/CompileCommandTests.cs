using P4Bpf.P4Runtime.P4InfoGen;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests;

/// <summary><c>p4bpf compile</c>: the outputs it writes, and <c>--p4runtime-files</c> in each format.</summary>
public sealed class CompileCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p4bpf-compile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Router => Path.Combine(Tooling.RepoRoot, "examples", "l3-router", "l3_router.p4");

    private static int Invoke(params string[] args) => Program.CreateRootCommand().Parse(["compile", .. args]).Invoke();

    [Fact]
    public void P4runtime_files_are_written_in_the_format_of_their_suffix()
    {
        var text = Path.Combine(_dir, "info.txt");
        var json = Path.Combine(_dir, "info.json");
        var bin = Path.Combine(_dir, "nested", "info.bin");
        var txtpb = Path.Combine(_dir, "info.txtpb");
        Invoke(Router, "-o", _dir, "--p4runtime-files", $"{text},{json}, {bin},{txtpb}").Should().Be(0);

        var reference = P4InfoFiles.Read(Path.Combine(_dir, "l3_router.p4info.txtpb"));
        reference.Tables.Should().NotBeEmpty();
        foreach (var path in new[] { text, json, bin, txtpb })
        {
            P4InfoFiles.Read(path).Should().Be(reference, $"{path} holds the same P4Info");
        }
        File.ReadAllText(text).Should().StartWith("# proto-file: p4/config/v1/p4info.proto");
        // p4c writes JSON through protobuf's JSON mapping: lowerCamelCase field names.
        File.ReadAllText(json).Should().Contain("\"pkgInfo\"").And.Contain("\"matchFields\"");
        File.ReadAllBytes(bin).Should().Equal(Google.Protobuf.MessageExtensions.ToByteArray(reference));
    }

    [Fact]
    public void Unknown_p4runtime_file_suffix_fails_before_compiling()
    {
        Invoke(Router, "-o", _dir, "--p4runtime-files", Path.Combine(_dir, "info.yaml")).Should().Be(1);
        Directory.GetFiles(_dir).Should().BeEmpty();
    }

    [Fact]
    public void P4runtime_files_with_several_programs_is_an_error()
    {
        Invoke(Router, Router, "-o", _dir, "--p4runtime-files", Path.Combine(_dir, "info.json")).Should().Be(1);
        File.Exists(Path.Combine(_dir, "info.json")).Should().BeFalse();
    }

    [Fact]
    public void Default_outputs_are_object_layout_and_text_p4info()
    {
        Invoke(Router, "-o", _dir).Should().Be(0);
        Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal("l3_router.layout.json", "l3_router.o", "l3_router.p4info.txtpb");
    }
}
