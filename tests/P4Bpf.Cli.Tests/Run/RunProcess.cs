using System.Diagnostics;
using System.Text.RegularExpressions;

namespace P4Bpf.Cli.Tests.Run;

/// <summary>A <c>p4bpf run …</c> child process started on a free loopback port; <see cref="Address"/> once it serves P4Runtime.</summary>
internal sealed partial class RunProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private RunProcess(Process process) => _process = process;

    public string Address { get; private set; } = "";

    /// <summary>Everything the process printed so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join("\n", _output);
            }
        }
    }

    [GeneratedRegex(@"serving P4Runtime on http://([0-9.]+:[0-9]+)")]
    private static partial Regex Serving();

    public static RunProcess Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "p4bpf.dll"));
        psi.ArgumentList.Add("run");
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.ArgumentList.Add("--grpc-addr");
        psi.ArgumentList.Add("127.0.0.1:0");
        var run = new RunProcess(Process.Start(psi)!);
        run._process.OutputDataReceived += (_, e) => run.Add(e.Data);
        run._process.ErrorDataReceived += (_, e) => run.Add(e.Data);
        run._process.BeginOutputReadLine();
        run._process.BeginErrorReadLine();
        var deadline = Environment.TickCount64 + 30_000;
        while (Environment.TickCount64 < deadline && !run._process.HasExited)
        {
            if (Serving().Match(run.Output) is { Success: true } m)
            {
                run.Address = m.Groups[1].Value;
                return run;
            }
            Thread.Sleep(50);
        }
        Thread.Sleep(200);
        var output = run.Output;
        run.Dispose();
        throw new InvalidOperationException($"p4bpf run did not start serving:\n{output}");
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    /// <summary>Waits for the process to end by itself (<c>--duration</c>) and returns its exit code.</summary>
    public int WaitForExit(int timeoutMs)
    {
        if (!_process.WaitForExit(timeoutMs))
        {
            throw new TimeoutException($"p4bpf run did not stop within {timeoutMs} ms:\n{Output}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
