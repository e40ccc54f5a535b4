using BenchmarkDotNet.Running;

namespace P4Bpf.Bench;

/// <summary>Entry point for the BenchmarkDotNet suites; side-by-side scripts live beside this project.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] is "xdp-run" or "jit-compile-times")
        {
            return JitXdpRunner.Run(args); // plain timing loops for bench/jit-vs-kernel.sh
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
