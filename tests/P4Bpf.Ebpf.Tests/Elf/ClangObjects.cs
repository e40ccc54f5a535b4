using System.Collections.Concurrent;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Elf;

/// <summary>Compiles the C sources under <c>testdata/elf</c> with clang once per test run, into a temporary folder.</summary>
internal static class ClangObjects
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Compiled = new();
    private static readonly Lazy<string> OutputDir = new(() => TestTemp.NewDirectory("p4bpf-elf-"));

    public static string SourceDir => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.Ebpf.Tests", "testdata", "elf");

    /// <summary>The names (without <c>.c</c>) of all C test sources.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SourceDir, "*.c").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    /// <summary>The names (<c>errors/NAME</c>) of the C sources that must fail to read, each with its first-line <c>// error: …</c>.</summary>
    public static TheoryData<string> ErrorNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(SourceDir, "errors"), "*.c").Order(StringComparer.Ordinal))
        {
            data.Add("errors/" + Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    /// <summary>The object file for <paramref name="name"/>.c (compiled with <c>clang -O2 -g -target bpf</c>).</summary>
    public static string ObjectPath(string name) => Compiled.GetOrAdd(name, n => new Lazy<string>(() => Compile(n))).Value;

    public static byte[] Bytes(string name) => File.ReadAllBytes(ObjectPath(name));

    private static string Compile(string name)
    {
        var source = Path.Combine(SourceDir, name + ".c");
        var output = Path.Combine(OutputDir.Value, name.Replace('/', '_') + ".o");
        var (exit, _, stderr) = Tooling.Run("clang", $"-O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c \"{source}\" -o \"{output}\"");
        if (exit != 0)
        {
            throw new InvalidOperationException($"clang failed on {name}.c:\n{stderr}");
        }
        return output;
    }
}
