using System.CommandLine;

namespace P4Bpf.Cli.Commands;

/// <summary>The subcommands of <c>p4bpf</c>, in the order <c>--help</c> lists them.</summary>
/// <remarks>Each subcommand lives in its own file and is added here when it exists; nothing is listed before it works.</remarks>
internal static class CommandList
{
    public static IEnumerable<Command> All()
    {
        yield return CheckCommand.Create();
        yield return CompileCommand.Create();
        yield return StfCommand.Create();
        yield return DemoCommand.Create();
        yield return GraphCommand.Create();
        yield return ExecCommand.Create();
        yield return VerifyCommand.Create();
        yield return KernelRunCommand.Create();
        yield return RunCommand.Create();
        yield return CtlCommand.Create();
        yield return TopCommand.Create();
        yield return AsmCommand.Create();
        yield return DisasmCommand.Create();
        yield return ConformancePluginCommand.Create();
        yield return VersionCommand.Create();
    }
}
