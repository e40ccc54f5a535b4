using System.Diagnostics;

namespace P4Bpf.Tests.Shared;

/// <summary>What the machine offers the environment-dependent tests (clang, bpftool, the kernel's BPF), and where the repository is.</summary>
/// <remarks>Tests that need one of these call <c>Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason)</c> so a missing tool shows as a skip with a reason.</remarks>
internal static class Tooling
{
    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);
    private static readonly Lazy<bool> ClangLazy = new(() => OnPath("clang"));
    private static readonly Lazy<bool> BpftoolLazy = new(() => OnPath("bpftool"));
    private static readonly Lazy<bool> KernelBpfLazy = new(ProbeKernelBpf);

    /// <summary>The repository root (the folder holding <c>p4bpf.sln</c>).</summary>
    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>The <c>shared/</c> folder beside the repository (conformance data, references).</summary>
    public static string SharedDir => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static bool HasClang => ClangLazy.Value;
    public static bool HasBpftool => BpftoolLazy.Value;

    /// <summary>True when we are root, bpftool exists and the bpf filesystem is mounted, so programs can be loaded and test-run.</summary>
    public static bool HasKernelBpf => KernelBpfLazy.Value;

    public const string NoClangReason = "requires clang (./test.sh installs it when run as root)";
    public const string NoBpftoolReason = "requires bpftool (./test.sh installs it when run as root)";
    public const string NoKernelBpfReason = "requires root, bpftool and /sys/fs/bpf mounted (./test.sh sets these up when run as root)";

    /// <summary>Runs a tool and returns its exit code, stdout and stderr; never throws for a non-zero exit.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string file, string arguments, string? stdin = null, int timeoutMs = 120_000)
    {
        var psi = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin != null,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        if (stdin != null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish in {timeoutMs} ms");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Loads an object into the kernel with <c>bpftool prog loadall</c> into a fresh bpffs folder, counts the programs pinned
    /// there and removes the pins again. Log is bpftool's stderr (the kernel verifier's log on refusal, last 6000 characters) and stdout.</summary>
    public static (int ExitCode, string Log, int Programs) KernelLoadAll(string objectPath)
    {
        var pin = "/sys/fs/bpf/p4bpf-test-" + Guid.NewGuid().ToString("N");
        try
        {
            var (code, stdout, stderr) = Run("bpftool", $"-d prog loadall \"{objectPath}\" {pin}");
            var log = (stderr.Length > 6000 ? stderr[^6000..] : stderr) + "\n" + stdout;
            return (code, log, Directory.Exists(pin) ? Directory.GetFiles(pin).Length : 0);
        }
        finally
        {
            if (Directory.Exists(pin))
            {
                foreach (var f in Directory.GetFiles(pin))
                {
                    File.Delete(f);
                }
                Directory.Delete(pin);
            }
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin", "/sbin"])
            .Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static bool ProbeKernelBpf()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !HasBpftool)
        {
            return false;
        }
        try
        {
            return File.ReadAllText("/proc/mounts").Contains(" /sys/fs/bpf bpf ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "p4bpf.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("p4bpf.sln not found above " + AppContext.BaseDirectory);
    }
}
