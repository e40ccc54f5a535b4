namespace P4Bpf.Ebpf.Tests.Elf;

/// <summary>One temporary folder per test run for compiled and written objects, removed when the process exits.</summary>
internal static class TestTemp
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("p4bpf-elf-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return dir;
    });

    /// <summary>A fresh sub-folder of the run's temporary folder.</summary>
    public static string NewDirectory(string prefix)
    {
        var dir = Path.Combine(Root.Value, prefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
