using System.CommandLine;
using P4Bpf.Ebpf.Assembly;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf asm FILE.s -o OUT.bin</c>: assembles kernel- or uBPF-syntax eBPF text into raw bytecode.</summary>
internal static class AsmCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("file") { Description = "Assembly text (kernel/LLVM or uBPF syntax)." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the raw bytecode.", Required = true };
        var command = new Command("asm", "Assemble eBPF text into raw bytecode (8 bytes per instruction slot).") { input, output };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var file = parse.GetValue(input)!;
            if (!file.Exists)
            {
                throw new CliException($"no such file: {file.FullName}");
            }
            byte[] bytes;
            try
            {
                bytes = Assembler.AssembleToBytes(File.ReadAllText(file.FullName));
            }
            catch (AssemblyException e)
            {
                throw new CliException($"{file.Name}({e.Line},{e.Column}): {e.Reason}");
            }
            File.WriteAllBytes(parse.GetValue(output)!.FullName, bytes);
            return 0;
        }));
        return command;
    }
}
