using System.CommandLine;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf asm FILE.s -o OUT.o|OUT.bin</c>: assembles kernel- or uBPF-syntax eBPF text into an ELF object (<c>.o</c>) or raw bytecode.</summary>
internal static class AsmCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("file") { Description = "Assembly text (kernel/LLVM or uBPF syntax)." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write: NAME.o is an ELF object (libbpf conventions), anything else raw bytecode.", Required = true };
        var section = new Option<string>("--section") { Description = "Program section of the ELF object (xdp, tc, socket, …).", DefaultValueFactory = _ => "xdp" };
        var command = new Command("asm", "Assemble eBPF text into an ELF object or raw bytecode (8 bytes per instruction slot).") { input, output, section };
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
            var target = parse.GetValue(output)!;
            if (target.Extension == ".o")
            {
                var sectionName = parse.GetValue(section)!;
                var program = new ProgramSpec(Path.GetFileNameWithoutExtension(target.Name), sectionName, ProgramSections.InferType(sectionName), bytes);
                bytes = ElfWriter.Write(new ObjectSpec("GPL", EquatableArray.Create(program), EquatableArray<MapSpec>.Empty));
            }
            File.WriteAllBytes(target.FullName, bytes);
            return 0;
        }));
        return command;
    }
}
