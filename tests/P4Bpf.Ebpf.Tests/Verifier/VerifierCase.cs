using System.Text.RegularExpressions;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Verifier;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Verifier;

/// <summary>One corpus file under <c>testdata/verifier/</c>: assembly with a header giving type, maps, profile and the expected verdict.</summary>
/// <remarks>
/// Header lines: <c># type: xdp|tc|socket</c>, <c># map: NAME TYPE key=K value=V entries=E [lock=OFF] [flags=F]</c>,
/// <c># profile: kernel|smartnic</c>, <c># expect: accept</c> or <c># expect: reject PC "message substring"</c>,
/// and optionally <c># kernel: differs REASON</c> (the kernel's verdict is the opposite, on purpose) or <c># kernel: skip REASON</c>.
/// </remarks>
internal sealed partial record VerifierCase(
    string Name,
    string Path,
    ProgramType Type,
    IReadOnlyList<MapSpec> Maps,
    VerifierProfile Profile,
    bool ExpectAccept,
    int ExpectPc,
    string ExpectMessage,
    string? KernelDiffers,
    string? KernelSkip,
    byte[] Bytecode)
{
    public static string Directory => System.IO.Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.Ebpf.Tests", "testdata", "verifier");

    public static IEnumerable<string> Files() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.s", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static string NameOf(string path) => System.IO.Path.GetRelativePath(Directory, path).Replace('\\', '/');

    public static VerifierCase Load(string path)
    {
        var text = File.ReadAllText(path);
        var typeName = AsmHeader.Value(text, "type") ?? throw new FormatException($"{path}: missing '# type:'");
        var type = AsmHeader.ParseProgramType(typeName) ?? throw new FormatException($"{path}: unknown type '{typeName}'");
        var profileName = AsmHeader.Value(text, "profile") ?? "kernel";
        var profile = VerifierProfile.Named(profileName) ?? throw new FormatException($"{path}: unknown profile '{profileName}'");
        var expect = AsmHeader.Value(text, "expect") ?? throw new FormatException($"{path}: missing '# expect:'");
        var accept = expect == "accept";
        var pc = -1;
        var message = "";
        if (!accept)
        {
            var m = RejectPattern().Match(expect);
            if (!m.Success)
            {
                throw new FormatException($"{path}: expect must be 'accept' or 'reject PC \"text\"', got '{expect}'");
            }
            pc = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            message = m.Groups[2].Value;
        }
        var kernel = AsmHeader.Value(text, "kernel");
        string? differs = null, skip = null;
        if (kernel is not null)
        {
            if (kernel.StartsWith("differs", StringComparison.Ordinal))
            {
                differs = kernel["differs".Length..].Trim();
            }
            else if (kernel.StartsWith("skip", StringComparison.Ordinal))
            {
                skip = kernel["skip".Length..].Trim();
            }
        }
        return new VerifierCase(NameOf(path), path, type, AsmHeader.ParseMaps(text), profile, accept, pc, message, differs, skip,
            Assembler.AssembleToBytes(text));
    }

    public VerifierResult Verify(bool log = false) =>
        Ebpf.Verifier.Verifier.Instance.Verify(
            new VerifierInput(EquatableArray.Create<byte>(Bytecode), Type, Maps),
            new VerifierOptions { Profile = Profile, Log = log });

    [GeneratedRegex("^reject\\s+(\\d+)\\s+\"(.*)\"$")]
    private static partial Regex RejectPattern();
}
