using BenchmarkDotNet.Running;

namespace P4Bpf.Bench;

/// <summary>Entry point for the BenchmarkDotNet suites; side-by-side scripts live beside this project.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
